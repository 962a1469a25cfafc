/// When a job runs: at the fire times of a cron schedule, or a fixed interval after its last start (§7).
public enum JobTrigger: Sendable, Hashable {
    case cron(CronSchedule)
    /// Whole seconds, at least 1.
    case interval(seconds: Int64)
}
