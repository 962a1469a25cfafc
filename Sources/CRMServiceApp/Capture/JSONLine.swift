/// One JSON object (RFC 8259) written field by field in the contract's order, for the capture exports.
struct JSONLine {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    mutating func field(_ key: String, raw: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes += Self.quoted(key).utf8
        bytes.append(UInt8(ascii: ":"))
        bytes += raw.utf8
    }

    mutating func field(_ key: String, _ value: String?) { field(key, raw: value.map(Self.quoted) ?? "null") }
    mutating func field(_ key: String, _ value: Int64?) { field(key, raw: value.map(String.init) ?? "null") }
    mutating func field(_ key: String, strings: [String]) {
        field(key, raw: "[" + strings.map(Self.quoted).joined(separator: ",") + "]")
    }
    mutating func field(_ key: String, numbers: [Int64]) {
        field(key, raw: "[" + numbers.map(String.init).joined(separator: ",") + "]")
    }
    mutating func field(_ key: String, objects: [[(String, String)]]) {
        field(key, raw: "[" + objects.map { pairs in
            "{" + pairs.map { Self.quoted($0.0) + ":" + Self.quoted($0.1) }.joined(separator: ",") + "}"
        }.joined(separator: ",") + "]")
    }

    /// The finished line with its `\n`.
    var line: [UInt8] { bytes + [UInt8(ascii: "}"), 0x0A] }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x7F:
                out += "\\u00" + String(c.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
