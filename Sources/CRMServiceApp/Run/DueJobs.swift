import CRMCore
import Foundation
import Jobs
import Logging
import ServiceLifecycle

/// `run --once`: starts the jobs that are due now, as the scheduler would at start-up (a fire time missed since the
/// last run, an interval job that never ran) and the pending one-off runs whose time has come, runs them one after the
/// other and records them; returns their reports.
/// Like the scheduler's start-up, it first marks runs left `running` by a crash `failed` (those of no instance and of
/// instances whose lease expired: `--once` is a one-shot command, `cli@HOST:PID`, and never fails a live instance's
/// run), so a crashed run neither stays `running` for ever nor blocks its job. Each due run is claimed like the
/// scheduler's, so a fire time a live instance ran already does not run again.
/// Jobs whose run is in progress elsewhere are passed over. On graceful shutdown no further job starts and the running
/// one stops at its next check (recorded `stopped`).
struct DueJobs: Sendable {
    let jobs: [any Job]
    let definitions: [JobDefinition]
    let store: any SchedulerStore
    let clock: any SchedulerClock
    let logger: Logger

    func run() async throws -> [(job: JobName, report: JobRunner.Report)] {
        let startup = clock.now()
        let failed = try await BlockingThread.run {
            try store.failRunsLeftRunning(at: startup, message: "left running when the service stopped; marked failed by run --once")
        }
        for id in failed { logger.warning("run left running marked failed", metadata: ["job.run": "\(id)"]) }
        guard try await BlockingThread.run({ try store.schedulerMode() }) == .running else {
            logger.notice("scheduler in standby: no job runs")
            return []
        }
        let byName = Dictionary(jobs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let scheduled = definitions.filter { byName[$0.name] != nil }
        let lastStarts = try await BlockingThread.run { try store.lastRunStarts() }
        let handled = try await BlockingThread.run { try store.scheduleHandledThrough() }
        let history = JobHistory.table(for: scheduled, lastStarts: lastStarts, handledThrough: handled)
        var core = SchedulerCore(definitions: scheduled, history: history, mode: .running)
        let due = core.start(now: clock.now())
        let runner = JobRunner(store: store, clock: clock)
        let shutdown = StopFlag()
        var reports: [(job: JobName, report: JobRunner.Report)] = []
        try await withGracefulShutdownHandler {
            for run in due where !shutdown.isSet {
                guard let job = byName[run.job], let bound = core.claimBound(of: run) else { continue }
                // The claim records the fire time handled and starts the run in one transaction: a live instance
                // that ran it already makes this a no-op (issue 14).
                switch try await runner.claimScheduled(run.job, unhandledSince: bound, shutdown: shutdown) {
                case .busy(let other):
                    logger.notice("job passed over: a run is in progress", metadata: ["job.name": "\(run.job)",
                                                                                      "job.run": "\(other)"])
                case .handledElsewhere:
                    logger.notice("job passed over: another instance ran it", metadata: ["job.name": "\(run.job)"])
                case .standby:
                    logger.notice("scheduler in standby: no job runs")
                case .started(let context):
                    let report = try await runner.execute(job, in: context)
                    logger.info("run ended", metadata: ["job.name": "\(run.job)", "job.run": "\(report.runID)",
                                                        "job.state": "\(report.state)"])
                    reports.append((run.job, report))
                }
            }
            // Pending one-off runs whose time has come (§7), each claimed in the database as it starts, so that it
            // runs once whichever process gets it; one whose job is running elsewhere stays pending.
            let pending = try await BlockingThread.run { try store.pendingRuns() }
            for run in pending where run.runAt <= startup && !shutdown.isSet {
                let name = JobName(rawValue: run.job)
                guard let job = byName[name] else { continue }
                switch try await runner.claim(run.id, of: name, shutdown: shutdown) {
                case nil: continue
                case .busy(let other)?:
                    logger.notice("pending run left pending: a run is in progress", metadata: [
                        "job.name": "\(name)", "job.pending": "\(run.id)", "job.run": "\(other)"])
                case .started(let context)?:
                    let report = try await runner.execute(job, in: context)
                    logger.info("pending run ended", metadata: ["job.name": "\(name)", "job.run": "\(report.runID)",
                                                                "job.state": "\(report.state)"])
                    reports.append((name, report))
                }
            }
        } onGracefulShutdown: {
            shutdown.set()
        }
        if reports.isEmpty { logger.info("no job is due") }
        return reports
    }
}
