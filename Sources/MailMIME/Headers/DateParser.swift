import Foundation

/// RFC 5322 §3.3 dates, obsolete zones (§4.3) and the common broken forms.
///
/// Pure arithmetic over tokens (no DateFormatter, no calendar): day names are ignored, months may be names (any
/// case, full or abbreviated) or numbers, seconds and zone are optional (no zone means UTC), comments are skipped,
/// and a `Received`-style value is read after its last `;`. ISO 8601-like `2024-01-05[T ]10:00[:00][Z|±hh:mm]`
/// is read too. nil when no day, month, year and time can be found or they are out of range.
enum DateParser {
    static func parse(_ raw: ArraySlice<UInt8>) -> Date? {
        guard let seconds = epochSeconds(raw) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// As `parse(_:)`, recording `unreadableDate` when the value cannot be read.
    static func parse(_ raw: ArraySlice<UInt8>, defects: inout [MIMEDefect]) -> Date? {
        let date = parse(raw)
        if date == nil { defects.append(.unreadableDate) }
        return date
    }

    /// Seconds since 1970-01-01T00:00:00Z, or nil.
    static func epochSeconds(_ raw: ArraySlice<UInt8>) -> Int64? {
        var start = raw.startIndex
        if let semicolon = raw.lastIndex(of: ASCII.semicolon) { start = semicolon + 1 }
        var scanner = DateTokens(raw: raw[start...])
        if let iso = scanner.iso8601() { return iso }
        return scanner.rfc5322()
    }

    /// RFC 5322 §4.3: obsolete zone names; military letters count as +0000 (their sign was ambiguous in
    /// RFC 822), other unknown names too. A few names common in the wild are added.
    static func zoneOffsetMinutes(_ name: [UInt8]) -> Int {
        if name.count == 1 { return 0 }
        switch String(decoding: name.prefix(5), as: UTF8.self) {
        case "ut", "utc", "gmt", "z", "wet": return 0
        case "edt": return -4 * 60
        case "est", "cdt": return -5 * 60
        case "cst", "mdt": return -6 * 60
        case "mst", "pdt": return -7 * 60
        case "pst": return -8 * 60
        case "akst": return -9 * 60
        case "akdt": return -8 * 60
        case "hst": return -10 * 60
        case "bst", "cet", "met", "west", "ist": return 60
        case "cest", "mest", "eet", "sast": return 120
        case "eest", "msk": return 180
        case "jst", "kst": return 9 * 60
        case "aest": return 10 * 60
        case "aedt": return 11 * 60
        default: return 0
        }
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date
    /// algorithms", days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Validates the fields and turns them into epoch seconds.
    static func compose(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                        offsetMinutes: Int) -> Int64? {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetMinutes * 60)
    }

    /// RFC 5322 §4.3: a two-digit year below 50 is 20xx, else 19xx; a three-digit year is 1900 + year.
    static func expandYear(_ value: Int, digits: Int) -> Int {
        if digits <= 2 { return value < 50 ? 2000 + value : 1900 + value }
        if digits == 3 { return 1900 + value }
        return value
    }
}
