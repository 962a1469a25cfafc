import CRMCore

/// Checks the ISO 8601 texts of §3: a date `YYYY-MM-DD`, or a date and time `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an
/// optional `Z` or `±HH:MM` offset.
enum ISO8601Text {
    static func isDateTime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 10, Day(rawValue: String(decoding: b[0..<10], as: UTF8.self)) != nil else { return false }
        if b.count == 10 { return true }
        var i = 10
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return false }
        i += 1
        func two(_ limit: Int) -> Bool {
            guard i + 2 <= b.count, b[i] >= 0x30, b[i] <= 0x39, b[i + 1] >= 0x30, b[i + 1] <= 0x39 else { return false }
            let v = Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30)
            i += 2
            return v <= limit
        }
        guard two(23), i < b.count, b[i] == 0x3A else { return false }
        i += 1
        guard two(59) else { return false }
        if i < b.count, b[i] == 0x3A {
            i += 1
            guard two(60) else { return false }
            if i < b.count, b[i] == 0x2E {
                i += 1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > start else { return false }
            }
        }
        if i == b.count { return true }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        guard b[i] == 0x2B || b[i] == 0x2D else { return false }
        i += 1
        guard two(23) else { return false }
        if i < b.count, b[i] == 0x3A { i += 1 }
        guard two(59) else { return false }
        return i == b.count
    }
}
