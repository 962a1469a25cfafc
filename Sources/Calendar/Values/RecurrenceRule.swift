/// An RRULE value (RFC 5545 §3.3.10), read into its parts and kept as the text it was read from: the text is what
/// is written back and what the CRM stores; the parts serve expansion (VTIMEZONE observances) and checks.
public struct RecurrenceRule: Sendable, Hashable {
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY", daily = "DAILY"
        case weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// A day of the week; the raw value is its number in `CivilTime.weekday` (0 = Sunday).
    public enum Weekday: Int, Sendable, Hashable, CaseIterable {
        case sunday, monday, tuesday, wednesday, thursday, friday, saturday

        static let codes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        init?(code: Substring) {
            guard let i = Self.codes.firstIndex(of: code.uppercased()) else { return nil }
            self.init(rawValue: i)
        }
    }

    /// `BYDAY` entry: a weekday, with an ordinal (`-1SU`: the last Sunday) or without (`MO`: every Monday).
    public struct WeekdayNumber: Sendable, Hashable {
        public var ordinal: Int?
        public var weekday: Weekday
    }

    /// The rule as read (or as built), written back unchanged.
    public var text: String
    public var frequency: Frequency?
    public var interval = 1
    public var count: Int?
    public var until: ICalDateTime?
    public var byDay: [WeekdayNumber] = []
    public var byMonth: [Int] = []
    public var byMonthDay: [Int] = []
    public var byYearDay: [Int] = []
    public var byWeekNumber: [Int] = []
    public var byHour: [Int] = []
    public var byMinute: [Int] = []
    public var bySecond: [Int] = []
    public var bySetPosition: [Int] = []
    public var weekStart: Weekday?
    /// False when FREQ is missing or some part could not be read (the text is still kept).
    public private(set) var isWellFormed = true

    /// Reads `text` (`FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z`). Never fails: problems clear
    /// `isWellFormed`.
    public init(_ text: String) {
        self.text = text
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            guard let eq = part.firstIndex(of: "=") else { isWellFormed = false; continue }
            let key = part[..<eq].uppercased()
            let value = part[part.index(after: eq)...]
            if !read(key: key, value: value) { isWellFormed = false }
        }
        if frequency == nil { isWellFormed = false }
    }

    private mutating func read(key: String, value: Substring) -> Bool {
        func ints(_ range: ClosedRange<Int>) -> [Int]? {
            let list = value.split(separator: ",").map { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ $0.map { range.contains($0) } ?? false }) else { return nil }
            return list.compactMap { $0 }
        }
        switch key {
        case "FREQ":
            frequency = Frequency(rawValue: value.uppercased())
            return frequency != nil
        case "INTERVAL":
            guard let n = Int(value), n >= 1 else { return false }
            interval = n
        case "COUNT":
            guard let n = Int(value), n >= 0 else { return false }
            count = n
        case "UNTIL":
            until = ICalDateTime.parse(Array(value.utf8), tzid: nil)
            return until != nil
        case "BYDAY":
            var list: [WeekdayNumber] = []
            for item in value.split(separator: ",") {
                let code = item.suffix(2)
                let prefix = item.dropLast(2)
                guard let weekday = Weekday(code: code) else { return false }
                var ordinal: Int?
                if !prefix.isEmpty {
                    guard let n = Int(prefix), n != 0, (-53...53).contains(n) else { return false }
                    ordinal = n
                }
                list.append(WeekdayNumber(ordinal: ordinal, weekday: weekday))
            }
            byDay = list
        case "BYMONTH": guard let l = ints(1...12) else { return false }; byMonth = l
        case "BYMONTHDAY": guard let l = ints(-31...31) else { return false }; byMonthDay = l
        case "BYYEARDAY": guard let l = ints(-366...366) else { return false }; byYearDay = l
        case "BYWEEKNO": guard let l = ints(-53...53) else { return false }; byWeekNumber = l
        case "BYHOUR": guard let l = ints(0...23) else { return false }; byHour = l
        case "BYMINUTE": guard let l = ints(0...59) else { return false }; byMinute = l
        case "BYSECOND": guard let l = ints(0...60) else { return false }; bySecond = l
        case "BYSETPOS": guard let l = ints(-366...366) else { return false }; bySetPosition = l
        case "WKST":
            weekStart = Weekday(code: value)
            return weekStart != nil
        default:
            // X- parts and future ones: kept in the text, ignored here.
            return key.hasPrefix("X-")
        }
        return true
    }
}
