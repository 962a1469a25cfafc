import CRMCore
/// ISO 8601 timestamps for `cron next` without `DateFormatter`: printing an instant with its zone's offset, and
/// reading `--from` values.
public enum ZonedTimestamp {
    /// `2026-03-29T03:00:00+02:00`; with `useZ` and offset zero, `…Z`. Offsets with seconds (local mean time before
    /// ~1900) print as `+HH:MM:SS`.
    public static func format(_ t: Int64, offset: Int32, useZ: Bool) -> String {
        let local = CivilTime(seconds: t + Int64(offset))
        if useZ && offset == 0 { return local.description + "Z" }
        let magnitude = Int(offset.magnitude)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = local.description + (offset < 0 ? "-" : "+") + two(magnitude / 3600) + ":" + two(magnitude / 60 % 60)
        if magnitude % 60 != 0 { text += ":" + two(magnitude % 60) }
        return text
    }

    /// Reads `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM|±HH]` to UTC seconds (fraction dropped). Without an
    /// offset the wall-clock time is read in `zone` (a repeated time is its first occurrence, one in a gap the end of
    /// the gap); a date alone is midnight there. Nil when malformed or out of range.
    public static func parse(_ text: String, zone: TimeZoneRules) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func eat(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), year >= 1, eat(0x2D), let month = digits(2), (1...12).contains(month), eat(0x2D),
              let day = digits(2), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else { return nil }
        var hour = 0, minute = 0, second = 0
        if i < b.count, b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 {
            i += 1
            guard let h = digits(2), h <= 23, eat(0x3A), let m = digits(2), m <= 59 else { return nil }
            hour = h; minute = m
            if eat(0x3A) {
                guard let s = digits(2), s <= 59 else { return nil }
                second = s
                if eat(0x2E) || eat(0x2C) {
                    let start = i
                    while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                    guard i > start else { return nil }
                }
            }
        } else if i < b.count {
            return nil
        }
        let local = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).seconds
        if i == b.count { return zone.instant(ofLocal: local) }
        if eat(0x5A) || eat(0x7A) { return i == b.count ? local : nil }
        let sign: Int64
        if eat(0x2B) { sign = 1 } else if eat(0x2D) { sign = -1 } else { return nil }
        guard let oh = digits(2), oh <= 23 else { return nil }
        var om = 0
        if i < b.count {
            _ = eat(0x3A)
            guard let m = digits(2), m <= 59 else { return nil }
            om = m
        }
        guard i == b.count else { return nil }
        return local - sign * Int64(oh * 3600 + om * 60)
    }
}
