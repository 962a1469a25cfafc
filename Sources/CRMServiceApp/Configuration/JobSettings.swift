/// The `jobs` section (§7): when each scheduled job runs and whether it is enabled. The integrator maps it onto the
/// scheduler's own configuration.
public struct JobSettings: Sendable, Equatable {
    /// A job that fires on a cron expression in a time zone.
    public struct Scheduled: Sendable, Equatable {
        /// Five-field cron expression, as `crmservice cron next` reads it.
        public var schedule: String
        /// A zone of the system tz database (default UTC).
        public var timeZone: String
        public var enabled: Bool

        public init(schedule: String, timeZone: String = "UTC", enabled: Bool = true) {
            self.schedule = schedule
            self.timeZone = timeZone
            self.enabled = enabled
        }
    }

    /// `jobs.rating`: the rating job.
    public var rating: Scheduled
    /// `jobs.log-truncate`: drops run logs older than `logTruncateKeepDays` days.
    public var logTruncate: Scheduled
    /// `jobs.log-truncate.keep_days`: at least 1 (default 90).
    public var logTruncateKeepDays: Int
    /// `jobs.mail-poll.interval_seconds`: the default poll interval of every mailbox, at least 1 (default 60).
    public var mailPollIntervalSeconds: Int
    /// `jobs.mail-poll.enabled`: whether mailboxes are polled at all.
    public var mailPollEnabled: Bool
    /// `jobs.archive`: archives activities older than `archiveMonths` months (disabled by default).
    public var archive: Scheduled
    /// `jobs.archive.months`: at least 12 (default 24).
    public var archiveMonths: Int
    /// The job `digest` (§11): set from the `digest` section (`digest.schedule`, `digest.time_zone`), disabled
    /// without one.
    public var digest = Scheduled(schedule: "0 7 * * 1-5", enabled: false)
    /// `jobs.calendar-sync` (§9): every 15 minutes, enabled by default when the file has a `calendars` section and
    /// disabled whatever it says when it has none.
    public var calendarSync = Scheduled(schedule: "*/15 * * * *", enabled: false)

    public init(
        rating: Scheduled = Scheduled(schedule: "0 2 * * *"),
        logTruncate: Scheduled = Scheduled(schedule: "30 3 * * *"), logTruncateKeepDays: Int = 90,
        mailPollIntervalSeconds: Int = 60, mailPollEnabled: Bool = true,
        archive: Scheduled = Scheduled(schedule: "0 4 1 * *", enabled: false), archiveMonths: Int = 24
    ) {
        self.rating = rating
        self.logTruncate = logTruncate
        self.logTruncateKeepDays = logTruncateKeepDays
        self.mailPollIntervalSeconds = mailPollIntervalSeconds
        self.mailPollEnabled = mailPollEnabled
        self.archive = archive
        self.archiveMonths = archiveMonths
    }
}
