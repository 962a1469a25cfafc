import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs `sql` (placeholders `$1, $2, …`) as a named prepared statement of this connection: prepared once per
    /// distinct SQL and parameter types, then executed with the values sent apart from the SQL (the extended query
    /// protocol), so no value is ever parsed as SQL and the server plans each statement once per connection.
    public func executePrepared(_ sql: String, _ parameters: [PostgresValue]) throws(PostgresStatementFailed)
        -> PostgresResult {
        guard let handle = rawHandle else {
            throw PostgresStatementFailed(sqlState: "", message: "connection closed", sql: sql)
        }
        let types = parameters.map(\.typeOID)
        let key = PreparedKey(sql: sql, types: types)
        let name: String
        if let known = prepared[key] {
            name = known
        } else {
            // Dynamic SQL (`IN (?, ?, …)` lists) would grow the server's statement cache without end.
            if prepared.count >= 1_000 { try deallocatePrepared() }
            preparedCounter += 1
            name = "crm_\(preparedCounter)"
            let result = types.withUnsafeBufferPointer { typeBuffer in
                PQprepare(handle, name, sql, Int32(types.count), typeBuffer.baseAddress)
            }
            _ = try Self.check(result, handle: handle, sql: sql)
            prepared[key] = name
        }
        let texts = parameters.map(\.textForm)
        let result = withOptionalCStrings(texts) { values in
            PQexecPrepared(handle, name, Int32(texts.count), values, nil, nil, 0)
        }
        return try Self.check(result, handle: handle, sql: sql)
    }

    /// Reads `result` (and frees it): the rows, or the server's error as `PostgresStatementFailed`.
    static func check(_ result: OpaquePointer?, handle: OpaquePointer, sql: String) throws(PostgresStatementFailed)
        -> PostgresResult {
        guard let result else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresStatementFailed(sqlState: "", message: message, sql: sql)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            let message = primary ?? String(cString: PQresultErrorMessage(result))
            throw PostgresStatementFailed(sqlState: sqlState, message: message, sql: sql)
        }
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let types = (0..<columnCount).map { UInt32(PQftype(result, $0)) }
        let rows = (0..<PQntuples(result)).map { row in
            (0..<columnCount).map { column -> String? in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresResult(columns: columns, types: types, rows: rows, affectedRows: affected)
    }
}

/// One prepared statement of a connection: the same SQL with other parameter types is another statement.
struct PreparedKey: Hashable {
    var sql: String
    var types: [UInt32]
}


extension PostgresConnection {
    /// Runs `sql`, which takes no parameters and may hold several statements (DDL, BEGIN/COMMIT): the simple query
    /// protocol. Returns the rows the last statement changed.
    @discardableResult
    public func executeScript(_ sql: String) throws(PostgresStatementFailed) -> Int {
        guard let handle = rawHandle else {
            throw PostgresStatementFailed(sqlState: "", message: "connection closed", sql: sql)
        }
        return try Self.check(PQexec(handle, sql), handle: handle, sql: sql).affectedRows
    }

    /// Forgets this connection's prepared statements (server and client side).
    public func deallocatePrepared() throws(PostgresStatementFailed) {
        try executeScript("DEALLOCATE ALL")
        prepared.removeAll()
    }
}
