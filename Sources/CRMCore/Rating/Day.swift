import Foundation

/// A calendar day (ISO 8601 `YYYY-MM-DD`), proleptic Gregorian, no time zone; ordered by date.
public struct Day: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical `YYYY-MM-DD` text; its order is the order of days.
    public let rawValue: String

    /// Accepts `YYYY-MM-DD` naming a day that exists.
    public init?(rawValue: String) {
        let b = Array(rawValue.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        self.rawValue = rawValue
    }

    /// The UTC day of `date`.
    public init(utc date: Date) {
        var days = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.rawValue = String(format: "%04lld-%02lld-%02lld", y, m, d)
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
