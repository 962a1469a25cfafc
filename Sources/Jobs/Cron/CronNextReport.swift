import CRMCore
import Foundation

/// What `crmservice cron next EXPR [--from ISO8601] [--tz ZONE] [--count N]` prints (§1, §7): the next N fire
/// times strictly after `--from`, one ISO 8601 time a line with the zone's offset (`Z` for UTC). The command is a
/// thin shell around this, so the behaviour is tested here.
public enum CronNextReport {
    /// The count when `--count` is not given.
    public static let defaultCount = 5
    /// The bounds of `--count`.
    public static let countRange = 1...10_000

    /// The lines to print, or the bad input (naming the option) that means exit status 2.
    public static func lines(expression text: String, from: String?, zone zoneName: String?, count: Int?,
                             now: Date, database: TimeZoneDatabase = TimeZoneDatabase()) throws(CronNextError)
        -> [String] {
        let count = count ?? defaultCount
        guard countRange.contains(count) else {
            throw CronNextError(option: "--count", message: "\(count) is not in \(countRange.lowerBound)...\(countRange.upperBound)")
        }
        let expression: CronExpression
        do {
            expression = try CronExpression(text)
        } catch {
            throw CronNextError(option: "EXPR", message: "invalid cron expression: \(error)")
        }
        let zone: TimeZoneRules
        do {
            zone = try database.rules(for: zoneName ?? "UTC")
        } catch {
            throw CronNextError(option: "--tz", message: error.description)
        }
        let start: Int64
        if let from {
            guard let parsed = ZonedTimestamp.parse(from, zone: zone) else {
                throw CronNextError(option: "--from", message: "'\(from)' is not an ISO 8601 date-time "
                    + "(YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], or a local date-time in --tz)")
            }
            start = parsed
        } else {
            start = CronSchedule.seconds(now)
        }
        guard expression.canFire else {
            throw CronNextError(option: "EXPR", message: "'\(expression)' never fires: no allowed month has an allowed day")
        }
        let schedule = CronSchedule(expression: expression, zone: zone)
        var lines: [String] = []
        lines.reserveCapacity(count)
        var t = start
        while lines.count < count, let next = schedule.next(after: t) {
            lines.append(ZonedTimestamp.format(next, offset: zone.offset(at: next), useZ: zone.isUTC))
            t = next
        }
        return lines
    }
}
