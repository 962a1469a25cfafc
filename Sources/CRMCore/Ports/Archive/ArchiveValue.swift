/// One column value of a live row kept in an archive, so that `archive restore` writes back exactly what was there.
public enum ArchiveValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A live row kept in an archive: its table, and its columns by name.
public struct ArchiveRow: Sendable, Hashable {
    public var table: String
    public var columns: [(String, ArchiveValue)]

    public init(table: String, columns: [(String, ArchiveValue)]) {
        self.table = table
        self.columns = columns
    }

    public static func == (a: ArchiveRow, b: ArchiveRow) -> Bool {
        a.table == b.table && a.columns.count == b.columns.count
            && zip(a.columns, b.columns).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(table)
        for (name, value) in columns { hasher.combine(name); hasher.combine(value) }
    }

    /// The value of `column`, nil when the row has no such column.
    public subscript(column: String) -> ArchiveValue? { columns.first { $0.0 == column }?.1 }
}
