import Foundation

/// A Swift value that is stored in one column (GRDB's protocol of the same name, for Store's own engine API).
protocol DatabaseValueConvertible {
    var databaseValue: DatabaseValue { get }
    /// The value of `dbValue`, nil when it cannot be read as this type (or is NULL).
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Self?
}

extension Int64: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(self) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Int64? {
        switch dbValue {
        case .int64(let value): value
        case .double(let value): Int64(exactly: value.rounded(.towardZero))
        case .text(let text): Int64(text)
        default: nil
        }
    }
}

extension Int: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(Int64(self)) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Int? { Int64.fromDatabaseValue(dbValue).map(Int.init) }
}

extension Int32: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(Int64(self)) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Int32? {
        Int64.fromDatabaseValue(dbValue).flatMap { Int32(exactly: $0) }
    }
}

extension Bool: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .int64(self ? 1 : 0) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Bool? {
        switch dbValue {
        case .int64(let value): value != 0
        case .double(let value): value != 0
        case .text(let text): text == "t" || text == "true" || (Int64(text).map { $0 != 0 } ?? false)
        default: nil
        }
    }
}

extension Double: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .double(self) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Double? {
        switch dbValue {
        case .int64(let value): Double(value)
        case .double(let value): value
        case .text(let text): Double(text)
        default: nil
        }
    }
}

extension String: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .text(self) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> String? {
        switch dbValue {
        case .text(let text): text
        // SQLite hands back the text of a number stored in a TEXT-less expression; keep that reading.
        case .int64(let value): String(value)
        case .double(let value): String(value)
        case .blob(let data): String(data: data, encoding: .utf8)
        case .null: nil
        }
    }
}

extension Data: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { .blob(self) }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Data? {
        switch dbValue {
        case .blob(let data): data
        case .text(let text): Data(text.utf8)
        default: nil
        }
    }
}

extension DatabaseValue: DatabaseValueConvertible {
    var databaseValue: DatabaseValue { self }
    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> DatabaseValue? { dbValue }
}

/// `"?,?,?"` for `count` placeholders (an `IN (…)` list).
func databaseQuestionMarks(count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ",")
}
