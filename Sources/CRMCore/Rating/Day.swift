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
        let (y, m, d) = CivilTime.civil(fromDays: Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        self.rawValue = String(format: "%04d-%02d-%02d", y, m, d)
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
