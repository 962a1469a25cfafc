import CRMCore

/// Turns a VTIMEZONE (RFC 5545 §3.6.5) into `TimeZoneRules`: each STANDARD/DAYLIGHT observance's onsets (DTSTART,
/// its RDATEs, its yearly RRULE expanded up to `horizonYear`) become transitions to its TZOFFSETTO.
enum VTimeZoneRules {
    /// Onsets are expanded up to this year; the last offset stays after it.
    static let horizonYear = 2100
    /// Years before this are not expanded (Outlook writes DTSTART:16010101T…).
    static let earliestYear = 1900

    /// The rules, or nil when no observance can be read.
    static func rules(of vtimezone: ICalComponent, identifier: String) -> TimeZoneRules? {
        var transitions: [(time: Int64, offset: Int32, from: Int32)] = []
        for observance in vtimezone.components where observance.name == "STANDARD" || observance.name == "DAYLIGHT" {
            guard let start = observance.first("DTSTART").flatMap({ ICalDateTime.parse($0.value, parameters: []) }),
                  let from = observance.first("TZOFFSETFROM").flatMap({ offset($0.value) }),
                  let to = observance.first("TZOFFSETTO").flatMap({ offset($0.value) }) else { continue }
            var locals: [Int64] = [start.civil.seconds]
            for rdate in observance.all("RDATE") {
                for item in rdate.value.split(separator: 0x2C) {
                    if let t = ICalDateTime.parse(Array(item), tzid: nil) { locals.append(t.civil.seconds) }
                }
            }
            if let rrule = observance.first("RRULE") {
                locals += yearlyOnsets(RecurrenceRule(rrule.rawText), start: start.civil, offsetFrom: from)
            }
            for local in locals { transitions.append((local - Int64(from), to, from)) }
        }
        guard !transitions.isEmpty else { return nil }
        transitions.sort { $0.time < $1.time }
        return TimeZoneRules(identifier: identifier, transitions: transitions.map { ($0.time, $0.offset) },
                             initialOffset: transitions[0].from)
    }

    /// `+0100`, `-0500`, `+053000` in seconds east of UTC.
    static func offset(_ value: [UInt8]) -> Int32? {
        guard value.count == 5 || value.count == 7, value[0] == 0x2B || value[0] == 0x2D,
              value.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let d = value.dropFirst().map { Int32($0 - 0x30) }
        var seconds = (d[0] * 10 + d[1]) * 3600 + (d[2] * 10 + d[3]) * 60
        if d.count == 6 { seconds += d[4] * 10 + d[5] }
        return value[0] == 0x2D ? -seconds : seconds
    }

    /// The local onsets after DTSTART of a yearly rule (BYMONTH with BYDAY and/or BYMONTHDAY). Other frequencies
    /// are not used by time zones; they add nothing.
    static func yearlyOnsets(_ rule: RecurrenceRule, start: CivilTime, offsetFrom: Int32) -> [Int64] {
        guard rule.frequency == .yearly else { return [] }
        let untilLocal: Int64? = rule.until.map { $0.form == .utc ? $0.civil.seconds + Int64(offsetFrom) : $0.civil.seconds }
        let lastYear = min(horizonYear, rule.until?.civil.year ?? horizonYear)
        let months = rule.byMonth.isEmpty ? [start.month] : rule.byMonth
        let timeOfDay = Int64(start.hour * 3600 + start.minute * 60 + start.second)
        var onsets: [Int64] = []
        var count = 1 // DTSTART is the first occurrence
        var year = start.year
        if year < earliestYear { year += (earliestYear - year + rule.interval - 1) / rule.interval * rule.interval }
        while year <= lastYear {
            for month in months.sorted() {
                for day in days(of: rule, year: year, month: month, defaultDay: start.day) {
                    let local = CivilTime.days(year: year, month: month, day: day) * 86_400 + timeOfDay
                    guard local > start.seconds else { continue }
                    if let untilLocal, local > untilLocal { return onsets }
                    if let limit = rule.count, count >= limit { return onsets }
                    onsets.append(local)
                    count += 1
                }
            }
            year += rule.interval
        }
        return onsets
    }

    /// The days of `month` the rule selects.
    private static func days(of rule: RecurrenceRule, year: Int, month: Int, defaultDay: Int) -> [Int] {
        let length = CivilTime.daysInMonth(year: year, month: month)
        let firstWeekday = CivilTime.weekday(days: CivilTime.days(year: year, month: month, day: 1))
        var result: [Int] = []
        if rule.byDay.isEmpty {
            let list = rule.byMonthDay.isEmpty ? [defaultDay] : rule.byMonthDay
            result = list.map { $0 < 0 ? length + 1 + $0 : $0 }
        } else {
            for entry in rule.byDay {
                let first = 1 + (entry.weekday.rawValue - firstWeekday + 7) % 7
                let all = Array(stride(from: first, through: length, by: 7))
                if let n = entry.ordinal {
                    let index = n > 0 ? n - 1 : all.count + n
                    if all.indices.contains(index) { result.append(all[index]) }
                } else {
                    result += all
                }
            }
            if !rule.byMonthDay.isEmpty {
                let wanted = Set(rule.byMonthDay.map { $0 < 0 ? length + 1 + $0 : $0 })
                result = result.filter { wanted.contains($0) }
            }
        }
        return result.filter { $0 >= 1 && $0 <= length }.sorted()
    }
}
