/// Builds one JSON object (RFC 8259) into a byte buffer, keys in the order written.
///
/// The contract lists its JSON fields in a fixed order; `JSONEncoder` would sort or shuffle them, and it is slow on
/// the export and `parse --json` hot paths.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() {}

    /// Room for `count` bytes, so a large object is not copied as it grows.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

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
        var value = value
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `utf8` escaped: runs of bytes that need no escape are appended whole (most text is such a run), the
    /// rest one escape at a time.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(0x5C); bytes.append(UInt8(ascii: "u")); bytes.append(0x30); bytes.append(0x30)
                bytes.append(Self.hexDigits[Int(byte >> 4)]); bytes.append(Self.hexDigits[Int(byte & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
