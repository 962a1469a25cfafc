/// A statement parameter. Sent in libpq's text format as a separate parameter, never spliced into the SQL.
public enum PostgresValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)
    /// Sent as bytea's hex text form (`\x…`); the column or a cast must be `bytea`.
    case bytes([UInt8])
    case bool(Bool)
    case double(Double)

    /// The parameter's type as sent with a prepared statement (0: let the server infer it, for NULL).
    var typeOID: UInt32 {
        switch self {
        case .null: 0
        case .int: 20
        case .text: 25
        case .bytes: 17
        case .bool: 16
        case .double: 701
        }
    }

    /// The text libpq sends, nil for SQL NULL.
    var textForm: String? {
        switch self {
        case .null: return nil
        case .int(let value): return String(value)
        case .text(let value): return value
        case .bool(let value): return value ? "t" : "f"
        case .double(let value): return value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))
        case .bytes(let value):
            let digits = Array("0123456789abcdef".utf8)
            var out = [UInt8]()
            out.reserveCapacity(2 + value.count * 2)
            out.append(UInt8(ascii: "\\"))
            out.append(UInt8(ascii: "x"))
            for byte in value {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xf)])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension PostgresValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
