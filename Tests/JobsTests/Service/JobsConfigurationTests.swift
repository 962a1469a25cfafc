import Testing
@testable import Jobs

@Suite("§7 jobs configuration") struct JobsConfigurationTests {
    @Test("§7 the defaults: mail-poll every 60 s, rating 02:00 UTC, log-truncate 03:30 UTC keeping 90 days")
    func defaults() throws {
        let configuration = JobsConfiguration()
        let definitions = try configuration.definitions()
        #expect(definitions.map(\.name) == ["mail-poll", "rating", "log-truncate", "archive", "digest", "calendar-sync"])
        #expect(definitions[0].trigger == .interval(seconds: 60))
        // §11: digest weekdays at 07:00, enabled only by a `digest` section of the configuration; §9: calendar-sync
        // likewise by a `calendars` section.
        #expect(definitions.map(\.enabled) == [true, true, true, false, false, false])
        #expect(configuration.logTruncateKeepDays == 90 && configuration.archiveMonths == 24)
        guard case .cron(let rating) = definitions[1].trigger else { Issue.record("rating is not cron"); return }
        #expect(rating.next(after: at("2026-01-01T02:00:00Z")) == at("2026-01-02T02:00:00Z"))
    }

    @Test("§7 archive keeps at least 12 months; a bad value names its key",
          arguments: ["jobs.archive.months", "jobs.log-truncate.keep_days", "jobs.rating.schedule", "jobs.archive.schedule",
                      "jobs.log-truncate.time_zone", "jobs.mail-poll.interval_seconds"])
    func invalid(_ key: String) {
        var c = JobsConfiguration()
        switch key {
        case "jobs.archive.months": c.archiveMonths = 11
        case "jobs.log-truncate.keep_days": c.logTruncateKeepDays = 0
        case "jobs.rating.schedule": c.rating.trigger = .cron("61 * * * *")
        case "jobs.archive.schedule": c.archive.trigger = .cron("0 0 30 2 *") // never fires
        case "jobs.log-truncate.time_zone": c.logTruncate.zone = "Mars/Olympus"
        default: c.mailPoll.trigger = .interval(seconds: 0)
        }
        #expect(throws: JobsConfigurationError.self) { try c.definitions() }
        do { _ = try c.definitions() } catch { #expect(error.key == key) }
    }
}
