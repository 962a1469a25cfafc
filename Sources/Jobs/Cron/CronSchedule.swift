import CRMCore
import Foundation

/// A cron expression in a time zone: the instants it fires (§7), with the daylight saving rules. A wall-clock time
/// that does not exist (spring forward) fires at the first minute after the gap, once however many matching times
/// fell in it; a time that occurs twice (fall back) fires at its first occurrence only, unless the hour field is `*`
/// or `*/N`, when it fires in both.
///
/// The search walks the zone's offset segments (between transitions) and, inside each, skips by field
/// (`CronExpression.nextMatch`), so it never steps minute by minute.
public struct CronSchedule: Sendable, Hashable {
    public let expression: CronExpression
    public let zone: TimeZoneRules

    /// How far ahead one search looks: a whole Gregorian cycle, after which a satisfiable expression has surely
    /// fired (`CronExpression.canFire` decides the others without searching).
    public static let searchHorizonYears = 400

    public init(expression: CronExpression, zone: TimeZoneRules = .utc) {
        self.expression = expression
        self.zone = zone
    }

    /// The first fire time strictly after `date`, or nil if the expression never fires.
    public func next(after date: Date) -> Date? {
        next(after: Self.seconds(date)).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The fire times strictly after `date`, in order (an endless sequence unless the expression never fires).
    public func nextFireTimes(after date: Date) -> FireTimes {
        FireTimes(schedule: self, last: Self.seconds(date))
    }

    /// The first fire time (UTC seconds since the epoch) strictly after `t`.
    public func next(after t: Int64) -> Int64? {
        guard expression.canFire else { return nil }
        let horizon = t + Int64(Self.searchHorizonYears) * 31_557_600
        // Segments of constant offset, from one that certainly ends before any repeated or skipped local time that
        // could matter after `t` (offset changes are less than a day).
        var segmentStart = t - 2 * 86_400
        var startsAtTransition = false
        while segmentStart <= horizon {
            let segmentEnd = zone.nextTransition(after: segmentStart) ?? Int64.max
            defer { segmentStart = segmentEnd; startsAtTransition = true }
            if segmentEnd <= t { continue }
            let offset = Int64(zone.offset(at: segmentStart))
            var localLow = max(t + 1, segmentStart) + offset
            if startsAtTransition {
                let before = Int64(zone.offset(at: segmentStart - 1))
                if before < offset {
                    // Spring forward: local [start+before, start+offset) never happens.
                    let afterGap = Self.ceilToMinute(segmentStart + offset) - offset
                    if afterGap > t, afterGap < segmentEnd,
                       expression.nextMatch(atOrAfter: segmentStart + before, before: segmentStart + offset) != nil {
                        return afterGap
                    }
                } else if before > offset, !expression.hourIsWildcard {
                    // Fall back: local [start+offset, start+before) already happened; skip its second occurrence.
                    localLow = max(localLow, segmentStart + before)
                }
            }
            let localLimit = min(segmentEnd, horizon + 1) + offset
            if let local = expression.nextMatch(atOrAfter: localLow, before: localLimit) { return local - offset }
            if segmentEnd == Int64.max { break }
        }
        return nil
    }

    /// Whole seconds since the epoch, rounded down.
    static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        return Int64(max(min(value, 9e15), -9e15))
    }

    static func ceilToMinute(_ t: Int64) -> Int64 {
        let rem = CivilTime.floorMod(t, 60)
        return rem == 0 ? t : t + 60 - rem
    }

    /// The fire times of a schedule after a start, one by one.
    public struct FireTimes: Sequence, IteratorProtocol, Sendable {
        let schedule: CronSchedule
        var last: Int64?

        public mutating func next() -> Date? {
            guard let previous = last, let t = schedule.next(after: previous) else { last = nil; return nil }
            last = t
            return Date(timeIntervalSince1970: TimeInterval(t))
        }
    }
}
