import Foundation

/// The scheduler's mode and its jobs, as of `now` (the jobs page and the dashboard).
public struct SchedulerOverview: Sendable, Hashable {
    /// One job of the configuration.
    public struct Job: Sendable, Hashable {
        public var name: String
        public var enabled: Bool
        /// Whether this process's scheduler runs it (enabled, and a job of this build).
        public var scheduled: Bool
        /// `cron 0 2 * * * UTC` or `every 60 s`.
        public var schedule: String
        /// `idle`, `running`, `not registered`, or who carries it (`pollers of run` for mail-poll).
        public var state: String
        /// The run in progress, if any.
        public var runningRun: JobRunID?
        public var lastRun: JobRun?
        /// The next fire times (empty when disabled, never firing, or not run by the scheduler).
        public var nextRuns: [Date]
        /// A fire time was missed while the service was down: the next start runs it at once.
        public var catchUpPending: Bool

        public init(name: String, enabled: Bool, scheduled: Bool, schedule: String, state: String, runningRun: JobRunID?,
                    lastRun: JobRun?, nextRuns: [Date], catchUpPending: Bool) {
            self.name = name
            self.enabled = enabled
            self.scheduled = scheduled
            self.schedule = schedule
            self.state = state
            self.runningRun = runningRun
            self.lastRun = lastRun
            self.nextRuns = nextRuns
            self.catchUpPending = catchUpPending
        }
    }

    public var now: Date
    public var mode: SchedulerMode
    public var jobs: [Job]

    public init(now: Date, mode: SchedulerMode, jobs: [Job]) {
        self.now = now
        self.mode = mode
        self.jobs = jobs
    }
}
