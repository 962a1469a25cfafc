/// Builds one JSON object (RFC 8259) into a byte buffer, keys in the order written.
///
/// The contract lists its JSON fields in a fixed order; `JSONEncoder` would sort or shuffle them, and it is slow on
/// the export and `parse --json` hot paths.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() {}

    public mutating func beginObject() { valuePrefix(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { valuePrefix(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":`; the next value call writes its value.
    public mutating func key(_ key: String) {
        valuePrefix()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        pendingKey = true
    }

    public mutating func string(_ value: String?) {
        valuePrefix()
        if let value { appendString(value) } else { appendLiteral("null") }
    }

    public mutating func integer<T: BinaryInteger>(_ value: T?) {
        valuePrefix()
        if let value { appendLiteral(String(value)) } else { appendLiteral("null") }
    }

    /// A JSON number of any size from its decimal digits (an `Order:N` beyond `Int64`); anything but digits is
    /// written as a string rather than break the document.
    public mutating func numberLiteral(_ digits: String) {
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { string(digits); return }
        valuePrefix()
        appendLiteral(digits)
    }

    public mutating func bool(_ value: Bool) { valuePrefix(); appendLiteral(value ? "true" : "false") }
    public mutating func null() { valuePrefix(); appendLiteral("null") }

    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func integerArray<T: BinaryInteger>(_ values: [T]) {
        beginArray()
        for value in values { integer(value) }
        endArray()
    }

    private var pendingKey = false

    private mutating func valuePrefix() {
        if pendingKey { pendingKey = false; return }
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }

    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
