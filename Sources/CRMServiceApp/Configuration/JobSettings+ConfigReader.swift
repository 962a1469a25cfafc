import CRMCore
import Jobs

extension JobSettings {
    /// Reads `jobs.*`; schedules are checked with the scheduler's cron parser and zones with the system tz database.
    init(reading settings: inout SettingsReader) {
        self.init()
        for job in ["rating", "log-truncate", "mail-poll", "archive", "calendar-sync"] { settings.section("jobs.\(job)") }
        rating = Self.scheduled("jobs.rating", default: rating, &settings)
        logTruncate = Self.scheduled("jobs.log-truncate", default: logTruncate, &settings)
        logTruncateKeepDays = settings.int("jobs.log-truncate.keep_days", default: logTruncateKeepDays, in: 1...Int.max)
        mailPollIntervalSeconds = settings.int(
            "jobs.mail-poll.interval_seconds", default: mailPollIntervalSeconds, in: 1...Int.max)
        mailPollEnabled = settings.bool("jobs.mail-poll.enabled", default: mailPollEnabled)
        archive = Self.scheduled("jobs.archive", default: archive, &settings)
        archiveMonths = settings.int("jobs.archive.months", default: archiveMonths, in: 12...Int.max)
        calendarSync = Self.scheduled("jobs.calendar-sync", default: Scheduled(schedule: calendarSync.schedule), &settings)
    }

    static func scheduled(_ prefix: String, default value: Scheduled, _ settings: inout SettingsReader) -> Scheduled {
        var job = value
        if let schedule = settings.text("\(prefix).schedule") {
            do {
                _ = try CronExpression(schedule)
                job.schedule = schedule
            } catch {
                settings.problem("\(prefix).schedule", "\"\(schedule)\" is not a cron expression: \(error)")
            }
        }
        if let zone = settings.text("\(prefix).time_zone") {
            do {
                _ = try TimeZoneDatabase().rules(for: zone)
                job.timeZone = zone
            } catch {
                settings.problem("\(prefix).time_zone", "\"\(zone)\" is not a time zone of the system tz database")
            }
        }
        job.enabled = settings.bool("\(prefix).enabled", default: job.enabled)
        return job
    }
}
