import CRMCore
import Foundation
import Logging
import ServiceLifecycle

/// The scheduler (§7) as a long-running `Service`: drives `SchedulerCore` with an injected clock, runs each due job
/// as a child task and records it in the run log.
///
/// - Start-up: runs left `running` by a crash are marked `failed` (with several instances, only this instance's own
///   and those of instances whose lease expired: `SchedulerStore.failRunsLeftRunning`); a run missed while the
///   service was down runs once.
/// - Several instances on one database (issue 14) compute the same fire times; each scheduled or catch-up run is
///   claimed in the database (`claimScheduledRun`), so a fire time runs once across them.
/// - The mode is re-read from the database at every wake-up (at least every `pendingRecheck` seconds), so
///   `jobs standby` / `jobs resume` from another process take effect within that; the claim of a scheduled run
///   checks the mode in its transaction too. In standby nothing starts.
/// - A job never runs twice at once: a fire time during its run is skipped (and noted in that run's messages); a
///   run of the same job started by another process (`jobs run`) also makes the fire time skipped.
/// - How far each job's schedule is handled is stored after every wake-up, so the schedule survives restarts.
/// - Every database call runs on a thread of its own (`BlockingThread`), so a long transaction elsewhere (SQLite's
///   write lock) never holds a thread of the cooperative pool, which serves `/healthz` and the pollers.
/// - Graceful shutdown: nothing new starts; running jobs stop at their next `checkStop()` (after the batch in
///   progress commits) and are recorded `stopped`; then `run()` returns.
public struct SchedulerService: Service {
    let jobs: [JobName: any Job]
    let definitions: [JobDefinition]
    let store: any SchedulerStore
    let clock: any SchedulerClock
    let logger: Logger
    let observer: (@Sendable (SchedulerEvent) -> Void)?
    let control: SchedulerControl?
    let pendingRecheck: TimeInterval?

    /// `definitions` say when each job runs; only those with a job in `jobs` are scheduled. `control` takes the
    /// requests of the admin console (run now, mode changed) while the service runs. Pending one-off runs
    /// (`jobs run NAME --at`) are read at start-up, at every wake-up and, with `pendingRecheck` (seconds), that long
    /// after the last read, so that one asked for by another process starts on time.
    public init(jobs: [any Job], definitions: [JobDefinition], store: any SchedulerStore,
                clock: any SchedulerClock = SystemSchedulerClock(), logger: Logger,
                observer: (@Sendable (SchedulerEvent) -> Void)? = nil, control: SchedulerControl? = nil,
                pendingRecheck: TimeInterval? = nil) {
        var byName: [JobName: any Job] = [:]
        for job in jobs { byName[job.name] = job }
        self.jobs = byName
        self.definitions = definitions.filter { byName[$0.name] != nil }
        self.store = store
        self.clock = clock
        self.logger = logger
        self.observer = observer
        self.control = control
        self.pendingRecheck = pendingRecheck
    }

    private enum Event: Sendable {
        case wake(Date)
        case finished(JobName)
        case shutdown
        case request(SchedulerControl.Request)
    }

    public func run() async throws {
        let startup = clock.now()
        let failed = try await BlockingThread.run {
            try store.failRunsLeftRunning(at: startup, message: "left running when the service stopped; marked failed at start-up")
        }
        for id in failed { logger.warning("run left running marked failed", metadata: ["job.run": "\(id)"]) }
        var persisted = try await BlockingThread.run { try store.scheduleHandledThrough() }
        let lastStarts = try await BlockingThread.run { try store.lastRunStarts() }
        let history = JobHistory.table(for: definitions, lastStarts: lastStarts, handledThrough: persisted)
        let mode = try await BlockingThread.run { try store.schedulerMode() }
        var core = SchedulerCore(definitions: definitions, history: history, mode: mode)
        let runner = JobRunner(store: store, clock: clock)
        let shutdown = StopFlag()
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        var iterator = events.makeAsyncIterator()
        control?.attach { request in
            if case .enqueued = continuation.yield(.request(request)) { return true }
            return false
        }
        logger.info("scheduler started", metadata: ["scheduler.mode": "\(core.mode)", "scheduler.jobs": "\(definitions.count)"])

        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                var due = core.start(now: startup)
                // A pending run whose time passed while the service was down starts now, once (§7).
                var pending = PendingRunBook(recheck: pendingRecheck)
                await readPending(&pending, now: startup)
                due += startablePending(&pending, &core, now: startup)
                var contexts: [JobName: JobContext] = [:]
                var armed: Date?
                var shuttingDown = false
                var replies: [JobName: @Sendable (SchedulerControl.RunNowAnswer) -> Void] = [:]
                while true {
                    for run in due {
                        let reply = replies.removeValue(forKey: run.job)
                        guard !shuttingDown, let job = jobs[run.job] else {
                            core.finished(run.job)
                            reply?(.noScheduler)
                            continue
                        }
                        let start: JobRunner.Start
                        do {
                            if let id = run.pendingRun {
                                // Cancelled or started by another process since it was read: nothing to do.
                                guard let claimed = try await runner.claim(id, of: run.job, shutdown: shutdown) else {
                                    core.finished(run.job)
                                    continue
                                }
                                start = claimed
                            } else if let bound = core.claimBound(of: run) {
                                switch try await runner.claimScheduled(run.job, unhandledSince: bound, shutdown: shutdown) {
                                case .started(let context): start = .started(context)
                                case .busy(let other): start = .busy(other)
                                case .handledElsewhere(let through):
                                    core.handledElsewhere(run.job, through: through, now: clock.now())
                                    logger.debug("fire time handled by another instance", metadata: ["job.name": "\(run.job)"])
                                    observer?(.handledElsewhere(run.job))
                                    continue
                                case .standby:
                                    core.finished(run.job)
                                    core.setMode(.standby, now: clock.now())
                                    logger.notice("scheduler mode changed", metadata: ["scheduler.mode": "standby"])
                                    observer?(.modeChanged(.standby))
                                    continue
                                }
                            } else {
                                start = try await runner.begin(run.job, shutdown: shutdown)
                            }
                        } catch {
                            core.finished(run.job)
                            reply?(.failed("\(error)"))
                            logger.error("cannot record the start of a run", metadata: ["job.name": "\(run.job)", "error": "\(error)"])
                            continue
                        }
                        switch start {
                        case .busy(let other):
                            core.finished(run.job)
                            reply?(.busy(other))
                            logger.notice("fire time skipped: a run is in progress elsewhere",
                                          metadata: ["job.name": "\(run.job)", "job.run": "\(other)"])
                            observer?(.skipped(run.job, runningRun: other))
                        case .started(let context):
                            contexts[run.job] = context
                            reply?(.started(context.runID))
                            logger.info("run started", metadata: ["job.name": "\(run.job)", "job.run": "\(context.runID)",
                                                                  "job.reason": "\(run.reason)"])
                            observer?(.started(run, context.runID))
                            group.addTask {
                                defer { continuation.yield(.finished(run.job)) }
                                do {
                                    let report = try await runner.execute(job, in: context)
                                    logger.info("run ended", metadata: ["job.name": "\(run.job)", "job.run": "\(report.runID)",
                                                                        "job.state": "\(report.state)"])
                                    observer?(.finished(run.job, report.runID, report.state))
                                } catch {
                                    // Left `running`; the next start-up marks it failed.
                                    logger.error("cannot record the end of a run",
                                                 metadata: ["job.name": "\(run.job)", "job.run": "\(context.runID)", "error": "\(error)"])
                                }
                            }
                        }
                    }
                    due = []
                    // After the claims above: each claim is what records its own fire time handled, first come first
                    // served across instances.
                    for definition in definitions {
                        let name = definition.name
                        guard let through = core.handledThrough(of: name), persisted[name.rawValue] != through else { continue }
                        do {
                            try await BlockingThread.run { try store.recordScheduleHandled(job: name.rawValue, through: through) }
                            persisted[name.rawValue] = through
                        } catch {
                            logger.error("cannot record the schedule", metadata: ["job.name": "\(name)", "error": "\(error)"])
                        }
                    }
                    if shuttingDown && contexts.isEmpty { break }
                    let nextWake = [core.nextWakeUp, pending.nextWakeUp(after: clock.now())].compactMap { $0 }.min()
                    if !shuttingDown, let wake = nextWake, armed.map({ wake < $0 }) ?? true {
                        armed = wake
                        group.addTask {
                            try? await clock.sleep(until: wake)
                            continuation.yield(.wake(wake))
                        }
                    }
                    observer?(.idle(nextWakeUp: shuttingDown ? nil : nextWake, running: contexts.count))
                    guard let event = await iterator.next() else { break } // cancelled
                    switch event {
                    case .wake(let time):
                        if armed == time { armed = nil }
                        guard !shuttingDown else { continue }
                        let now = clock.now()
                        if let mode = try? await BlockingThread.run({ try store.schedulerMode() }), mode != core.mode {
                            core.setMode(mode, now: now)
                            logger.notice("scheduler mode changed", metadata: ["scheduler.mode": "\(mode)"])
                            observer?(.modeChanged(mode))
                        }
                        let tick = core.tick(now: now)
                        due = tick.due
                        for name in tick.skipped {
                            contexts[name]?.note("a fire time at \(now) was skipped: this run was still running")
                            logger.notice("fire time skipped: the job is still running", metadata: ["job.name": "\(name)"])
                            observer?(.skipped(name, runningRun: nil))
                        }
                        await readPending(&pending, now: now)
                        due += startablePending(&pending, &core, now: now)
                    case .finished(let name):
                        contexts[name] = nil
                        core.finished(name)
                        // A pending run of this job that waited for it to end.
                        if !shuttingDown { due += startablePending(&pending, &core, now: clock.now()) }
                    case .shutdown:
                        shuttingDown = true
                    case .request(let request):
                        // Another process may have changed the mode since the last wake-up: a run-now answers by
                        // the mode as persisted.
                        let now = clock.now()
                        if let mode = try? await BlockingThread.run({ try store.schedulerMode() }), mode != core.mode {
                            core.setMode(mode, now: now)
                            logger.notice("scheduler mode changed", metadata: ["scheduler.mode": "\(mode)"])
                            observer?(.modeChanged(mode))
                        }
                        guard case .runNow(let name, let reply) = request else { continue }
                        guard !shuttingDown else { reply(.noScheduler); continue }
                        switch core.runNow(name, now: now) {
                        case .started(let run):
                            due.append(run)
                            replies[name] = reply
                        case .alreadyRunning: reply(.busy(contexts[name]?.runID))
                        case .unknownJob: reply(.unknownJob)
                        case .standby: reply(.standby)
                        }
                    }
                }
                group.cancelAll() // the timer; jobs still running (only when cancelled) see it at their next check
            }
        } onGracefulShutdown: {
            shutdown.set()
            continuation.yield(.shutdown)
        }
        control?.detach()
        continuation.finish()
        // Requests that came after the loop's last look: nothing will start them.
        while let event = await iterator.next() {
            if case .request(.runNow(_, let reply)) = event { reply(.noScheduler) }
        }
        logger.info("scheduler stopped")
    }

    /// Reads the pending runs (a failed read keeps the old copy: the next wake-up reads again).
    private func readPending(_ book: inout PendingRunBook, now: Date) async {
        do {
            let runs = try await BlockingThread.run { try store.pendingRuns() }
            book.replace(with: runs, readAt: now)
        } catch {
            logger.error("cannot read the pending runs", metadata: ["error": "\(error)"])
        }
    }

    /// The pending runs that start now: due, of a job of this scheduler, not running, scheduler running. Each is
    /// claimed in the database when it starts; one whose job is running waits for its end.
    private func startablePending(_ book: inout PendingRunBook, _ core: inout SchedulerCore, now: Date) -> [DueRun] {
        guard core.mode == .running else { return [] }
        var due: [DueRun] = []
        for run in book.due(at: now) {
            let name = JobName(rawValue: run.job)
            guard jobs[name] != nil, case .started = core.runNow(name, now: now) else { continue }
            book.remove(run.id)
            due.append(DueRun(job: name, scheduledFor: run.runAt, reason: .manual, pendingRun: run.id))
        }
        return due
    }
}
