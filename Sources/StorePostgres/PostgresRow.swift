/// One row of a result, read in libpq's text format and converted on access.
public struct PostgresRow: Sendable {
    public let columns: [String]
    /// Each column's text, nil for SQL NULL.
    public let texts: [String?]

    public func isNull(_ column: String) throws -> Bool { try text(column) == nil }

    public func string(_ column: String) throws -> String? { try text(column) }

    public func int64(_ column: String) throws -> Int64? {
        guard let text = try text(column) else { return nil }
        guard let value = Int64(text) else { throw PostgresValueMismatch(column: column, expected: "integer", text: text) }
        return value
    }

    public func bool(_ column: String) throws -> Bool? {
        switch try text(column) {
        case nil: return nil
        case "t": return true
        case "f": return false
        case let other: throw PostgresValueMismatch(column: column, expected: "boolean", text: other)
        }
    }

    /// A bytea column (the server's default `bytea_output = hex`: `\x` then two hex digits a byte).
    public func bytes(_ column: String) throws -> [UInt8]? {
        guard let text = try text(column) else { return nil }
        guard let bytes = Self.byteaBytes(text) else {
            throw PostgresValueMismatch(column: column, expected: "bytea in hex form", text: nil)
        }
        return bytes
    }

    /// The bytes of bytea's hex text form (`\x` then two hex digits a byte); nil for any other text.
    public static func byteaBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            return nil
        }
        var out = [UInt8]()
        out.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private func text(_ column: String) throws -> String? {
        guard let index = columns.firstIndex(of: column) else { throw PostgresNoSuchColumn(column: column, columns: columns) }
        return texts[index]
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
