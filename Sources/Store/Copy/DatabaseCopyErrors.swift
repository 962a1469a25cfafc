/// `db copy` refused a target that holds data: it writes only into a database that is migrated and empty, so a copy
/// never merges two installations. Nothing was written.
public struct DatabaseCopyTargetNotEmpty: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target: its path or URL.
    public var target: String
    /// The tables holding rows, with their counts, in copy order.
    public var tables: [TableRows]

    public var description: String {
        let shown = tables.prefix(5).map { "\($0.table): \($0.rows) rows" }
            + (tables.count > 5 ? ["\(tables.count - 5) more tables"] : [])
        return "\(target) is not empty (" + shown.joined(separator: ", ")
            + "); db copy writes only into a new, empty database, and wrote nothing"
    }
}

/// The source and the target do not have the same tables and columns (they were migrated by different releases,
/// or the schema has a foreign-key cycle the copy cannot order). Nothing was written.
public struct DatabaseCopySchemaMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { "the source and target schemas differ: \(reason); nothing was written" }
}

/// A table and a number of rows.
public struct TableRows: Sendable, Equatable {
    public var table: String
    public var rows: Int

    public init(table: String, rows: Int) {
        self.table = table
        self.rows = rows
    }
}

/// What `copyAll(to:)` wrote: every table in the order copied, with its rows (zero included).
public struct DatabaseCopyReport: Sendable, Equatable {
    public var tables: [TableRows]
    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}
