import CRMCore
import Foundation
import Jobs

extension JobsConsole {
    /// How many next fire times the overview gives per job.
    static let nextRunCount = 3

    /// The mode and every job of the configuration as of now: what `jobs list` prints and the console shows.
    public func overview(registering registered: [any Job] = []) throws -> SchedulerOverview {
        let definitions: [JobDefinition]
        do { definitions = try configuration.definitions() } catch { throw JobsCommandFailure(error.description) }
        let now = clock.now()
        let mode = try database.schedulerMode()
        let handled = try database.scheduleHandledThrough()
        let available = Set(jobs(registering: registered).map(\.name))
        // Per job its latest run only: the log holds a run per mail-poll that captured something.
        var lastRun: [JobName: JobRun] = [:]
        for definition in definitions { lastRun[definition.name] = try database.latestRun(of: definition.name.rawValue) }
        let history = JobHistory.table(
            for: definitions, lastStarts: lastRun.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value.startedAt },
            handledThrough: handled)
        var core = SchedulerCore(definitions: definitions, history: history, mode: mode)
        let catchUps = Set(core.start(now: now).map(\.job))

        var jobs: [SchedulerOverview.Job] = []
        for (definition, schedule) in zip(definitions, configuration.schedules.map(\.1)) {
            let name = definition.name
            let last = lastRun[name]
            let running = last?.state == .running ? last?.id : nil
            // mail-poll is carried by the per-mailbox pollers of `crmservice run`, each on its own interval; its runs
            // (polls that captured something or failed) are in the run log.
            let state = name.rawValue == MailPollRunLog.job ? "pollers of run"
                : !available.contains(name) ? "not registered"
                : running != nil ? "running" : "idle"
            let scheduled = definition.enabled && available.contains(name)
            var next: [Date] = []
            if scheduled, let first = core.nextFire(of: name) {
                next = [first]
                while next.count < Self.nextRunCount, let after = Self.fire(definition.trigger, after: next[next.count - 1]) {
                    next.append(after)
                }
            }
            jobs.append(.init(name: name.rawValue, enabled: definition.enabled, scheduled: scheduled, schedule: Self.describe(schedule),
                              state: state, runningRun: running, lastRun: last, nextRuns: next,
                              catchUpPending: catchUps.contains(name)))
        }
        return SchedulerOverview(now: now, mode: mode, jobs: jobs)
    }

    private static func fire(_ trigger: JobTrigger, after time: Date) -> Date? {
        switch trigger {
        case .cron(let schedule): schedule.next(after: time)
        case .interval(let seconds): time.addingTimeInterval(TimeInterval(seconds))
        }
    }
}
