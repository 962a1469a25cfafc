import Synchronization
import Foundation
import StorePostgres

/// What Store's PostgreSQL path does to statements and results written for both engines.
enum PostgresSQL {
    /// `sql` with each `?` placeholder outside quotes and comments replaced by `$1, $2, …` in order.
    static func numbered(_ sql: String) -> String {
        if let known = cache.withLock({ $0[sql] }) { return known }
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var number = 0
        var quote: UInt8? = nil
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { out.append(bytes[index]); index += 1 }
                continue
            } else if byte == UInt8(ascii: "?") {
                out.append(UInt8(ascii: "$"))
                index += 1
                // `?NNN` (SQLite's numbered parameter) keeps its number; a bare `?` takes the next one.
                if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                        out.append(bytes[index])
                        index += 1
                    }
                } else {
                    number += 1
                    out.append(contentsOf: String(number).utf8)
                }
                continue
            }
            out.append(byte)
            index += 1
        }
        let text = String(decoding: out, as: UTF8.self)
        cache.withLock { if $0.count < 4_096 { $0[sql] = text } }
        return text
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
        guard let bytes = PostgresRow.byteaBytes(text) else { throw CorruptValue(table: "(result)", column: "bytea") }
        return Data(bytes)
    }
}
