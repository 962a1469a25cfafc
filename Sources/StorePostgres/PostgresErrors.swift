/// The server (or libpq) refused to open a connection. Names the role and the server, never the password.
public struct PostgresConnectFailed: Error, CustomStringConvertible {
    public var configuration: PostgresConfiguration
    /// libpq's message (for a wrong password: `password authentication failed for user "ROLE"`).
    public var message: String
    public var description: String { "cannot connect to \(configuration): \(message)" }
}

/// A statement the server refused: its SQLSTATE (e.g. 23505 unique violation, 40001 serialization failure) and
/// message. The parameters are not kept: they may be mail or secrets.
public struct PostgresStatementFailed: Error, CustomStringConvertible {
    /// Five characters, "" when libpq failed before the server answered (connection lost).
    public var sqlState: String
    public var message: String
    public var sql: String
    public var description: String { "PostgreSQL \(sqlState): \(message) (in: \(sql))" }

    /// The server's SQLSTATE for "could not serialize access": the transaction may be retried.
    public var isSerializationFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
}

/// A column read as a type its value does not have.
public struct PostgresValueMismatch: Error, CustomStringConvertible {
    public var column: String
    public var expected: String
    public var text: String?
    public var description: String { "column \(column): not \(expected)" }
}

/// A column name the result does not have.
public struct PostgresNoSuchColumn: Error, CustomStringConvertible {
    public var column: String
    public var columns: [String]
    public var description: String { "no column \(column) (columns: \(columns.joined(separator: ", ")))" }
}
