/// A property parameter (RFC 5545 §3.2): a name and one or more values, decoded (quotes removed, RFC 6868
/// `^n`, `^'`, `^^` escapes applied).
public struct ICalParameter: Sendable, Hashable {
    /// The name in upper case (`TZID`, `VALUE`, `X-FOO`).
    public var name: String
    public var values: [String]

    public init(_ name: String, _ values: [String]) {
        self.name = name.uppercased()
        self.values = values
    }

    public init(_ name: String, _ value: String) {
        self.init(name, [value])
    }

    /// The first value (most parameters have one).
    public var value: String { values.first ?? "" }

    /// The parameter as written on a content line: `;NAME=v1,"v:2"`.
    var encoded: [UInt8] {
        var out: [UInt8] = [0x3B]
        out.append(contentsOf: name.utf8)
        out.append(0x3D)
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(0x2C) }
            Self.appendValue(value, to: &out)
        }
        return out
    }

    /// Quotes a value when it holds `:`, `;` or `,`, and applies RFC 6868 escapes to `^`, `"` and line breaks.
    private static func appendValue(_ value: String, to out: inout [UInt8]) {
        let needsQuotes = value.utf8.contains { $0 == 0x3A || $0 == 0x3B || $0 == 0x2C }
        if needsQuotes { out.append(0x22) }
        for b in value.utf8 {
            switch b {
            case 0x5E: out.append(contentsOf: [0x5E, 0x5E])
            case 0x22: out.append(contentsOf: [0x5E, 0x27])
            case 0x0A: out.append(contentsOf: [0x5E, 0x6E])
            case 0x0D: break
            default: out.append(b)
            }
        }
        if needsQuotes { out.append(0x22) }
    }
}
