import Synchronization
import Foundation
import StorePostgres

/// What Store's PostgreSQL path does to statements and results written for both engines.
enum PostgresSQL {
    /// `sql` with each `?` placeholder outside quotes and comments replaced by `$1, $2, …` in order.
    static func numbered(_ sql: String) -> String {
        if let known = cache.withLock({ $0[sql] }) { return known }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character? = nil
        var lineComment = false
        var previous: Character = " "
        for character in sql {
            if lineComment {
                if character == "\n" { lineComment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-" && previous == "-" {
                lineComment = true
            } else if character == "?" {
                number += 1
                out += "$\(number)"
                previous = character
                continue
            }
            out.append(character)
            previous = character
        }
        cache.withLock { if $0.count < 4_096 { $0[sql] = out } }
        return out
    }

    private static let cache = Mutex<[String: String]>([:])

    /// A row's column texts as values, by the columns' type OIDs.
    static func values(_ texts: [String?], types: [UInt32]) throws -> [DatabaseValue] {
        var values: [DatabaseValue] = []
        values.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            guard let text else { values.append(.null); continue }
            switch types[index] {
            case 20, 21, 23, 26:
                values.append(Int64(text).map(DatabaseValue.int64) ?? .text(text))
            case 16:
                values.append(.int64(text == "t" ? 1 : 0))
            case 700, 701:
                values.append(Double(text).map(DatabaseValue.double) ?? .text(text))
            case 1700:
                // numeric: sum() of bigint columns; whole numbers stay integers as on SQLite.
                if let int = Int64(text) { values.append(.int64(int)) }
                else { values.append(Double(text).map(DatabaseValue.double) ?? .text(text)) }
            case 17:
                values.append(.blob(try hexBytes(text)))
            default:
                values.append(.text(text))
            }
        }
        return values
    }

    /// bytea's hex text form (`\x` then two digits a byte).
    static func hexBytes(_ text: String) throws -> Data {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"), utf8.count % 2 == 0 else {
            throw CorruptValue(table: "(result)", column: "bytea")
        }
        var out = Data(capacity: (utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else {
                throw CorruptValue(table: "(result)", column: "bytea")
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
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
