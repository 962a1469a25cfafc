import CRMCore
import Foundation

/// The jobs' configuration (§7), every value defaulted: `rating` daily at 02:00 UTC, `log-truncate` daily at
/// 03:30 UTC keeping 90 days, `mail-poll` every 60 s, `archive` (a later issue) monthly, disabled, 24 months (the file's default too).
public struct JobsConfiguration: Sendable, Hashable {
    /// When one job runs.
    public struct Schedule: Sendable, Hashable {
        /// A five-field cron expression (in `zone`) or a fixed interval in seconds.
        public enum Trigger: Sendable, Hashable {
            case cron(String)
            case interval(seconds: Int64)
        }

        public var trigger: Trigger
        /// A zone of the tz database; cron times are wall-clock times there.
        public var zone: String
        public var enabled: Bool

        public init(_ trigger: Trigger, zone: String = "UTC", enabled: Bool = true) {
            self.trigger = trigger
            self.zone = zone
            self.enabled = enabled
        }
    }

    public var mailPoll = Schedule(.interval(seconds: 60))
    public var rating = Schedule(.cron("0 2 * * *"))
    public var logTruncate = Schedule(.cron("30 3 * * *"))
    public var archive = Schedule(.cron("0 4 1 * *"), enabled: false)
    /// `digest` (§11): weekdays at 07:00; enabled by a `digest` section in the configuration.
    public var digest = Schedule(.cron("0 7 * * 1-5"), enabled: false)
    /// `calendar-sync` (§9): every 15 minutes; enabled by a `calendars` section in the configuration.
    public var calendarSync = Schedule(.cron("*/15 * * * *"), enabled: false)
    /// `log-truncate` deletes runs that started more than this many days ago (at least 1).
    public var logTruncateKeepDays = 90
    /// `archive` moves activities older than this many months (at least 12, §7).
    public var archiveMonths = 24

    public init() {}

    /// The schedules by job name, in the configuration's key names (`jobs.mail-poll`…).
    public var schedules: [(JobName, Schedule)] {
        [("mail-poll", mailPoll), ("rating", rating), ("log-truncate", logTruncate), ("archive", archive),
         ("digest", digest), ("calendar-sync", calendarSync)]
    }

    /// Checks every value and builds the scheduler's definitions; the error names the key.
    public func definitions(timeZones: TimeZoneDatabase = TimeZoneDatabase()) throws(JobsConfigurationError)
        -> [JobDefinition] {
        guard logTruncateKeepDays >= 1 else {
            throw JobsConfigurationError(key: "jobs.log-truncate.keep_days", problem: "\(logTruncateKeepDays) is less than 1")
        }
        guard archiveMonths >= 12 else {
            throw JobsConfigurationError(key: "jobs.archive.months", problem: "\(archiveMonths) is less than 12")
        }
        var result: [JobDefinition] = []
        for (name, schedule) in schedules {
            let zone: TimeZoneRules
            do { zone = try timeZones.rules(for: schedule.zone) } catch {
                throw JobsConfigurationError(key: "jobs.\(name).time_zone", problem: error.description)
            }
            switch schedule.trigger {
            case .cron(let text):
                do {
                    let expression = try CronExpression(text)
                    guard expression.canFire else {
                        throw JobsConfigurationError(key: "jobs.\(name).schedule", problem: "\"\(text)\" never fires")
                    }
                    result.append(JobDefinition(name: name, trigger: .cron(CronSchedule(expression: expression, zone: zone)),
                                                enabled: schedule.enabled))
                } catch let error as CronParseError {
                    throw JobsConfigurationError(key: "jobs.\(name).schedule", problem: error.description)
                } catch let error as JobsConfigurationError {
                    throw error
                } catch {
                    throw JobsConfigurationError(key: "jobs.\(name).schedule", problem: "\(error)")
                }
            case .interval(let seconds):
                guard seconds >= 1 else {
                    throw JobsConfigurationError(key: "jobs.\(name).interval_seconds", problem: "\(seconds) is less than 1 second")
                }
                result.append(JobDefinition(name: name, trigger: .interval(seconds: seconds), enabled: schedule.enabled))
            }
        }
        return result
    }
}

/// A bad value in the jobs' configuration, naming its key.
public struct JobsConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var problem: String

    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    public var description: String { "\(key): \(problem)" }
}
