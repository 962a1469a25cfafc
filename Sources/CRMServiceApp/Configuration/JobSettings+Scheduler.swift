import Jobs
import Store

extension JobsConfiguration {
    /// The scheduler's configuration from the file's `jobs` section (already validated by the reader).
    public init(_ settings: JobSettings) {
        self.init()
        func schedule(_ scheduled: JobSettings.Scheduled) -> Schedule {
            Schedule(.cron(scheduled.schedule), zone: scheduled.timeZone, enabled: scheduled.enabled)
        }
        rating = schedule(settings.rating)
        logTruncate = schedule(settings.logTruncate)
        archive = schedule(settings.archive)
        digest = schedule(settings.digest)
        calendarSync = schedule(settings.calendarSync)
        mailPoll = Schedule(.interval(seconds: Int64(settings.mailPollIntervalSeconds)), enabled: settings.mailPollEnabled)
        logTruncateKeepDays = settings.logTruncateKeepDays
        archiveMonths = settings.archiveMonths
    }
}

extension JobsConsole {
    /// A console whose schedules are the file's `jobs` section, or the defaults without a configuration file.
    public init(database: AppDatabase, jobs settings: JobSettings?) {
        self.init(database: database, configuration: settings.map(JobsConfiguration.init) ?? JobsConfiguration())
    }
}
