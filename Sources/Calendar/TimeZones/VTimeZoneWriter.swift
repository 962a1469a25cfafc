import CRMCore

/// Writes a VTIMEZONE for a tz database zone, for the events we create: the zone's transitions in the year of the
/// event, each as a STANDARD or DAYLIGHT observance with a yearly RRULE (`BYMONTH=3;BYDAY=-1SU`) when that rule
/// also gives the next year's transition, else as plain onsets for the years around the event.
enum VTimeZoneWriter {
    static func component(tzid: String, rules: TimeZoneRules, year: Int) -> ICalComponent {
        var vtimezone = ICalComponent("VTIMEZONE")
        vtimezone.append(ICalProperty("TZID", value: Array(tzid.utf8)))
        let yearStart = CivilTime(year: year, month: 1, day: 1).seconds
        let thisYear = transitions(rules, from: yearStart, to: CivilTime(year: year + 1, month: 1, day: 1).seconds)
        guard !thisYear.isEmpty else {
            let offset = rules.offset(at: yearStart)
            vtimezone.append(observance("STANDARD", local: CivilTime(year: 1970, month: 1, day: 1), from: offset,
                                        to: offset, rule: nil))
            return vtimezone
        }
        let nextYear = transitions(rules, from: CivilTime(year: year + 1, month: 1, day: 1).seconds,
                                   to: CivilTime(year: year + 2, month: 1, day: 1).seconds)
        let offsets = thisYear.map { rules.offset(at: $0) }
        let daylightOffset = offsets.max() ?? 0
        for (i, t) in thisYear.enumerated() {
            let from = rules.offset(at: t - 1), to = offsets[i]
            let local = CivilTime(seconds: t + Int64(from))
            let rule = yearlyRule(local)
            // The rule must give next year's transition to the same offset, else the onsets are listed.
            let predicted = rule.flatMap { VTimeZoneRules.yearlyOnsets(RecurrenceRule($0), start: local, offsetFrom: from).first }
            let actual = nextYear.first { rules.offset(at: $0) == to }.map { $0 + Int64(rules.offset(at: $0 - 1)) }
            let kind = to == daylightOffset && offsets.min() != daylightOffset ? "DAYLIGHT" : "STANDARD"
            if let rule, predicted == actual, actual != nil {
                vtimezone.append(observance(kind, local: local, from: from, to: to, rule: rule))
            } else {
                vtimezone.append(observance(kind, local: local, from: from, to: to, rule: nil))
                for n in nextYear where rules.offset(at: n) == to {
                    let f = rules.offset(at: n - 1)
                    vtimezone.append(observance(kind, local: CivilTime(seconds: n + Int64(f)), from: f, to: to, rule: nil))
                }
            }
        }
        return vtimezone
    }

    /// `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` for the weekday of `local` (n = -1 in the last seven days of the month).
    private static func yearlyRule(_ local: CivilTime) -> String? {
        let codes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        let length = CivilTime.daysInMonth(year: local.year, month: local.month)
        let ordinal = local.day + 7 > length ? -1 : (local.day - 1) / 7 + 1
        return "FREQ=YEARLY;BYMONTH=\(local.month);BYDAY=\(ordinal)\(codes[local.weekday])"
    }

    private static func transitions(_ rules: TimeZoneRules, from: Int64, to: Int64) -> [Int64] {
        var list: [Int64] = []
        var t = from
        while list.count < 8, let next = rules.nextTransition(after: t), next < to {
            if rules.offset(at: next) != rules.offset(at: next - 1) { list.append(next) }
            t = next
        }
        return list
    }

    private static func observance(_ kind: String, local: CivilTime, from: Int32, to: Int32, rule: String?) -> ICalComponent {
        var c = ICalComponent(kind)
        c.append(ICalDateTime(local, .floating).property("DTSTART"))
        c.append(ICalProperty("TZOFFSETFROM", value: Array(offsetText(from).utf8)))
        c.append(ICalProperty("TZOFFSETTO", value: Array(offsetText(to).utf8)))
        if let rule { c.append(ICalProperty("RRULE", value: Array(rule.utf8))) }
        return c
    }

    static func offsetText(_ seconds: Int32) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let s = abs(Int(seconds))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return sign + two(s / 3600) + two(s / 60 % 60) + (s % 60 == 0 ? "" : two(s % 60))
    }
}
