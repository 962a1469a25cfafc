/// TEXT values (RFC 5545 §3.3.11): `\\`, `\;`, `\,` and `\n`/`\N` escapes.
public enum ICalText {
    /// The text of an escaped value. An unknown escape (`\x`) keeps its character; bytes that are not UTF-8 become
    /// U+FFFD.
    public static func unescape(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for b in bytes {
            if escaped {
                out.append(b == 0x6E || b == 0x4E ? 0x0A : b)
                escaped = false
            } else if b == 0x5C {
                escaped = true
            } else {
                out.append(b)
            }
        }
        if escaped { out.append(0x5C) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The escaped value of `text`; CRLF and CR become `\n` like LF.
    public static func escape(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for b in text.utf8 {
            switch b {
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x3B: out.append(contentsOf: [0x5C, 0x3B])
            case 0x2C: out.append(contentsOf: [0x5C, 0x2C])
            case 0x0D: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0A: if !previousCR { out.append(contentsOf: [0x5C, 0x6E]) }
            default: out.append(b)
            }
            previousCR = b == 0x0D
        }
        return out
    }
}
