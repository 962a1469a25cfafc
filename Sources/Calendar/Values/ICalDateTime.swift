import CRMCore

/// A DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5) in the form it was written: a date (all-day), a floating
/// local time, a UTC time, or a local time in the zone its TZID names. The TZID is kept as written, resolved or not.
public struct ICalDateTime: Sendable, Hashable, CustomStringConvertible {
    public enum Form: Sendable, Hashable {
        /// `VALUE=DATE`: a calendar day.
        case date
        /// A local time in no particular zone (`19970714T133000`).
        case floating
        /// UTC (`19970714T173000Z`).
        case utc
        /// A local time in the zone of a TZID parameter.
        case zoned(tzid: String)
    }

    /// The wall-clock fields (for `.date`, midnight of the day; for `.utc`, UTC).
    public var civil: CivilTime
    public var form: Form

    public init(_ civil: CivilTime, _ form: Form) {
        self.civil = civil
        self.form = form
    }

    public var isDate: Bool { form == .date }

    /// The TZID, for `.zoned`.
    public var tzid: String? { if case .zoned(let id) = form { id } else { nil } }

    /// Parses a value with the property's parameters (`VALUE=DATE`, `TZID=…`); nil when it is not a date or
    /// date-time. A date-time with `Z` is UTC whatever TZID says (RFC 5545 §3.3.5).
    public static func parse(_ value: some Collection<UInt8>, parameters: [ICalParameter]) -> ICalDateTime? {
        let tzid = parameters.first { $0.name == "TZID" }?.value
        return parse(Array(value), tzid: tzid)
    }

    static func parse(_ v: [UInt8], tzid: String?) -> ICalDateTime? {
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard v[i] >= 0x30, v[i] <= 0x39 else { return nil }
                n = n * 10 + Int(v[i] - 0x30)
            }
            return n
        }
        guard v.count >= 8, let y = number(0..<4), let m = number(4..<6), let d = number(6..<8),
              (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return nil }
        if v.count == 8 { return ICalDateTime(CivilTime(year: y, month: m, day: d), .date) }
        guard v.count == 15 || (v.count == 16 && (v[15] == 0x5A || v[15] == 0x7A)), v[8] == 0x54 || v[8] == 0x74,
              let h = number(9..<11), let mi = number(11..<13), let s = number(13..<15),
              h <= 23, mi <= 59, s <= 60 else { return nil }
        // A leap second is read as the second before it: POSIX time has none.
        let civil = CivilTime(year: y, month: m, day: d, hour: h, minute: mi, second: min(s, 59))
        if v.count == 16 { return ICalDateTime(civil, .utc) }
        if let tzid, !tzid.isEmpty { return ICalDateTime(civil, .zoned(tzid: tzid)) }
        return ICalDateTime(civil, .floating)
    }

    /// The value as written on a line: `20260105`, `20260105T090000`, `20260105T090000Z`.
    public var valueText: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let date = pad(civil.year, 4) + pad(civil.month, 2) + pad(civil.day, 2)
        if form == .date { return date }
        let time = date + "T" + pad(civil.hour, 2) + pad(civil.minute, 2) + pad(civil.second, 2)
        return form == .utc ? time + "Z" : time
    }

    /// The parameters that go with the value: `VALUE=DATE` or `TZID=…`.
    public var parameters: [ICalParameter] {
        switch form {
        case .date: [ICalParameter("VALUE", "DATE")]
        case .zoned(let tzid): [ICalParameter("TZID", tzid)]
        case .floating, .utc: []
        }
    }

    /// A property `name` holding this value.
    public func property(_ name: String) -> ICalProperty {
        ICalProperty(name, parameters: parameters, value: Array(valueText.utf8))
    }

    public var description: String {
        switch form {
        case .zoned(let tzid): "\(valueText) (\(tzid))"
        default: valueText
        }
    }
}
