/// A statement's result as the Store's engine reads it: by column position, with each column's type OID, in
/// libpq's text format (bytea as `\x…` hex).
public struct PostgresResult: Sendable {
    public var columns: [String]
    /// pg_type OIDs of the columns (20 int8, 23 int4, 21 int2, 16 bool, 17 bytea, 700/701 float, 1700 numeric, …).
    public var types: [UInt32]
    /// Each row's column texts, nil for SQL NULL.
    public var rows: [[String?]]
    /// Rows inserted, updated or deleted (libpq's PQcmdTuples), 0 for other statements.
    public var affectedRows: Int
}
