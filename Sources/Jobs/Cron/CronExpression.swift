import CRMCore
/// A parsed five-field cron expression (§7): each field as a bitset of the values it allows, plus the flags that
/// Vixie cron's day rule and the fall-back rule read from the text.
///
/// Day-of-week 7 is folded into 0 (Sunday). When both day fields are restricted (neither starts with `*`) a day
/// matching either counts; otherwise both must match.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// Bit n set: minute n (0–59) matches.
    public let minutes: UInt64
    /// Bit n set: hour n (0–23) matches.
    public let hours: UInt32
    /// Bit n set: day of month n (1–31) matches.
    public let daysOfMonth: UInt32
    /// Bit n set: month n (1–12) matches.
    public let months: UInt16
    /// Bit n set: day of week n (0 = Sunday … 6) matches.
    public let daysOfWeek: UInt8
    /// The day-of-month field starts with `*` (unrestricted for the Vixie day rule).
    public let dayOfMonthIsStar: Bool
    /// The day-of-week field starts with `*`.
    public let dayOfWeekIsStar: Bool
    /// The hour field is `*` or `*/N`: on a fall-back day its repeated times run in both occurrences.
    public let hourIsWildcard: Bool
    /// The normalised text of the five fields.
    public let description: String

    /// Parses `minute hour day-of-month month day-of-week` (whitespace-separated).
    public init(_ text: String) throws(CronParseError) {
        self = try CronExpressionParser.parse(text)
    }

    init(minutes: UInt64, hours: UInt32, daysOfMonth: UInt32, months: UInt16, daysOfWeek: UInt8,
         dayOfMonthIsStar: Bool, dayOfWeekIsStar: Bool, hourIsWildcard: Bool, description: String) {
        self.minutes = minutes
        self.hours = hours
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.daysOfWeek = daysOfWeek
        self.dayOfMonthIsStar = dayOfMonthIsStar
        self.dayOfWeekIsStar = dayOfWeekIsStar
        self.hourIsWildcard = hourIsWildcard
        self.description = description
    }

    /// Whether the day (date and its weekday) matches, by the Vixie rule.
    public func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months & (1 << month) != 0 else { return false }
        let domOK = daysOfMonth & (1 << day) != 0
        let dowOK = daysOfWeek & (1 << weekday) != 0
        if dayOfMonthIsStar || dayOfWeekIsStar { return domOK && dowOK }
        return domOK || dowOK
    }

    /// Whether a wall-clock time matches all five fields (seconds ignored).
    public func matches(_ time: CivilTime) -> Bool {
        minutes & (1 << time.minute) != 0 && hours & (1 << time.hour) != 0
            && matchesDay(month: time.month, day: time.day, weekday: time.weekday)
    }

    /// The first wall-clock minute at or after `from` (seconds since the epoch, read as local wall time) that
    /// matches, if there is one before `limit` (exclusive). Skips by field: whole months, days and hours that cannot
    /// match are passed over at once.
    public func nextMatch(atOrAfter from: Int64, before limit: Int64) -> Int64? {
        var start = from
        let rem = CivilTime.floorMod(start, 60)
        if rem != 0 { start += 60 - rem }
        guard start < limit else { return nil }
        let first = CivilTime(seconds: start)
        var year = first.year, month = first.month, day = first.day, hour = first.hour, minute = first.minute
        let limitYear = CivilTime(seconds: limit).year
        while year <= limitYear {
            // Month.
            if months & (1 << month) == 0 {
                if let next = Self.nextBit(UInt64(months), from: month + 1, upTo: 12) {
                    month = next
                } else {
                    year += 1
                    month = Self.nextBit(UInt64(months), from: 1, upTo: 12)!
                }
                day = 1; hour = 0; minute = 0
                continue
            }
            // Day.
            let monthLength = CivilTime.daysInMonth(year: year, month: month)
            let days = CivilTime.days(year: year, month: month, day: 1)
            var found = false
            while day <= monthLength {
                if matchesDay(month: month, day: day, weekday: CivilTime.weekday(days: days + Int64(day - 1))) {
                    found = true
                    break
                }
                day += 1; hour = 0; minute = 0
            }
            if !found {
                if CivilTime.days(year: year, month: month, day: monthLength) * 86_400 >= limit { return nil }
                month += 1
                if month > 12 { month = 1; year += 1 }
                day = 1; hour = 0; minute = 0
                continue
            }
            // Hour and minute.
            if let h = Self.nextBit(UInt64(hours), from: hour, upTo: 23) {
                if h != hour { hour = h; minute = 0 }
                if let m = Self.nextBit(minutes, from: minute, upTo: 59) {
                    let result = CivilTime(year: year, month: month, day: day, hour: hour, minute: m).seconds
                    return result < limit ? result : nil
                }
                if let h2 = Self.nextBit(UInt64(hours), from: hour + 1, upTo: 23) {
                    let m = Self.nextBit(minutes, from: 0, upTo: 59)!
                    let result = CivilTime(year: year, month: month, day: day, hour: h2, minute: m).seconds
                    return result < limit ? result : nil
                }
            }
            // Nothing left today: the next day.
            if CivilTime.days(year: year, month: month, day: day) * 86_400 + 86_400 >= limit { return nil }
            day += 1; hour = 0; minute = 0
            if day > monthLength {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        return nil
    }

    /// The lowest set bit at or above `from` and at most `upTo`.
    static func nextBit(_ bits: UInt64, from: Int, upTo: Int) -> Int? {
        guard from <= upTo, from < 64 else { return nil }
        let shifted = bits >> UInt64(from)
        guard shifted != 0 else { return nil }
        let bit = from + shifted.trailingZeroBitCount
        return bit <= upTo ? bit : nil
    }
}

extension CronExpression {
    /// Whether some day ever matches. With both day fields restricted every month has the weekdays, so it does;
    /// otherwise some allowed month must have an allowed day of month (February 29 counts: leap years come, and
    /// over the 400-year cycle every date falls on every weekday).
    public var canFire: Bool {
        if !dayOfMonthIsStar && !dayOfWeekIsStar { return true }
        guard daysOfWeek != 0 else { return false }
        for month in 1...12 where months & (1 << month) != 0 {
            let longest = CivilTime.daysInMonth(year: 2000, month: month)
            if CronExpression.nextBit(UInt64(daysOfMonth), from: 1, upTo: longest) != nil { return true }
        }
        return false
    }
}
