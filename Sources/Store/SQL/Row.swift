import Foundation

/// One result row: its values by position and by column name. A copy, valid after the statement moved on.
struct Row {
    let columns: [String]
    let values: [DatabaseValue]

    var count: Int { values.count }

    /// The value at `index` as `T`; a NULL or an unreadable value is a programming error (as GRDB's subscript).
    subscript<T: DatabaseValueConvertible>(_ index: Int) -> T {
        guard let value = T.fromDatabaseValue(values[index]) else {
            fatalError("column \(index) (\(columns[index])): \(values[index]) is not a \(T.self)")
        }
        return value
    }

    /// The value at `index`, nil for NULL.
    subscript<T: DatabaseValueConvertible>(_ index: Int) -> T? {
        T.fromDatabaseValue(values[index])
    }

    subscript<T: DatabaseValueConvertible>(_ column: String) -> T {
        self[position(column)]
    }

    subscript<T: DatabaseValueConvertible>(_ column: String) -> T? {
        self[position(column)]
    }

    /// Whether the value at `index` is NULL.
    func hasNull(atIndex index: Int) -> Bool { values[index].isNull }

    private func position(_ column: String) -> Int {
        guard let index = columns.firstIndex(where: { $0.caseInsensitiveCompare(column) == .orderedSame }) else {
            fatalError("no column \(column) in \(columns)")
        }
        return index
    }
}
