import CRMCore

/// How an `AppointmentTime` is kept in a column: ISO 8601 as exported, with the zone appended in brackets (the
/// RFC 9557 suffix) — `2026-01-05`, `2026-01-05T09:00:00`, `2026-01-05T09:00:00Z`,
/// `2026-01-05T09:00:00+01:00[Europe/Berlin]`, `2026-01-05T09:00:00[Custom Zone]` (zone without a known offset).
enum AppointmentTimeText {
    static func text(_ time: AppointmentTime) -> String {
        switch time.form {
        case .date, .floating, .utc: time.iso8601
        case .zoned(let zone): time.iso8601 + "[" + zone + "]"
        }
    }

    /// Nil when `text` was not written by `text(_:)`.
    static func time(_ text: String) -> AppointmentTime? {
        var rest = Substring(text)
        var zone: String?
        if rest.hasSuffix("]"), let open = rest.firstIndex(of: "[") {
            zone = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            rest = rest[..<open]
        }
        let bytes = Array(rest.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var n = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                n = n * 10 + Int(bytes[i] - 0x30)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        if bytes.count == 10 { return zone == nil ? .date(year: y, month: m, day: d) : nil }
        guard let h = number(11..<13), let mi = number(14..<16), let s = number(17..<19) else { return nil }
        let civil = CivilTime(year: y, month: m, day: d, hour: h, minute: mi, second: s)
        let tail = bytes[19...]
        if let zone {
            if tail.isEmpty { return AppointmentTime(civil, .zoned(zone: zone)) }
            if tail.elementsEqual("Z".utf8) { return AppointmentTime(civil, .zoned(zone: zone), utcOffset: 0) }
            guard tail.count == 6, let oh = number(20..<22), let om = number(23..<25) else { return nil }
            let magnitude = Int32(oh * 3600 + om * 60)
            return AppointmentTime(civil, .zoned(zone: zone), utcOffset: bytes[19] == 0x2D ? -magnitude : magnitude)
        }
        if tail.isEmpty { return AppointmentTime(civil, .floating) }
        if tail.elementsEqual("Z".utf8) { return AppointmentTime(civil, .utc) }
        return nil
    }
}
