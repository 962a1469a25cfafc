import CLibPQ
import Foundation

/// One libpq connection. Synchronous: every call blocks its thread until the server answers, so it is used from the
/// Store's own threads (a `PostgresConnectionPool` checkout), never from the cooperative pool. One thread at a
/// time: the pool hands a connection to one caller and takes it back.
public final class PostgresConnection: @unchecked Sendable {
    public let configuration: PostgresConfiguration
    private var handle: OpaquePointer?
    /// The named prepared statements of this connection (`executePrepared`), by SQL and parameter types.
    var prepared: [PreparedKey: String] = [:]
    var preparedCounter = 0

    /// The libpq handle while open.
    var rawHandle: OpaquePointer? { handle }

    private init(configuration: PostgresConfiguration, handle: OpaquePointer) {
        self.configuration = configuration
        self.handle = handle
    }

    deinit { if let handle { PQfinish(handle) } }

    /// Opens a connection. `password` is what the caller read from the password file; it goes to libpq only and
    /// appears in no error or log. TLS follows `configuration.sslMode` (libpq's own sslmode handling).
    public static func connect(_ configuration: PostgresConfiguration, password: String?,
                               connectTimeoutSeconds: Int = 10) throws(PostgresConnectFailed) -> PostgresConnection {
        // client_min_messages: the server's NOTICEs (e.g. "relation already exists, skipping") are not for the log.
        var keywords = ["host", "port", "user", "dbname", "sslmode", "connect_timeout", "application_name",
                        "client_encoding", "options"]
        var values = [configuration.host, String(configuration.port), configuration.user, configuration.database,
                      configuration.sslMode.rawValue, String(max(connectTimeoutSeconds, 2)), "crmservice", "UTF8",
                      "-c client_min_messages=warning"]
        if let rootCertificate = configuration.rootCertificate {
            keywords.append("sslrootcert")
            values.append(rootCertificate)
        }
        if let password {
            keywords.append("password")
            values.append(password)
        }
        let handle = withCStrings(keywords) { keys in
            withCStrings(values) { vals in PQconnectdbParams(keys, vals, 0) }
        }
        guard let handle else {
            throw PostgresConnectFailed(configuration: configuration, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            throw PostgresConnectFailed(configuration: configuration, message: message)
        }
        return PostgresConnection(configuration: configuration, handle: handle)
    }

    /// False once the connection broke (server gone, network cut): the pool replaces it.
    public var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// True when a statement of the open transaction failed: it can only be rolled back (COMMIT would roll back
    /// silently).
    public var transactionFailed: Bool {
        guard let handle else { return false }
        return PQtransactionStatus(handle) == PQTRANS_INERROR
    }

    /// True while a transaction is open (or failed and not yet rolled back).
    var inTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Runs one statement with `$1, $2, …` parameters sent apart from the SQL (PQexecParams: the server parses the
    /// SQL with placeholders, so no value is ever read as SQL). Returns the rows, empty for statements without.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresStatementFailed) -> [PostgresRow] {
        guard let handle else {
            throw PostgresStatementFailed(sqlState: "", message: "connection closed", sql: sql)
        }
        let texts = parameters.map(\.textForm)
        let result = withOptionalCStrings(texts) { values in
            PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        let checked = try Self.check(result, handle: handle, sql: sql)
        return checked.rows.map { PostgresRow(columns: checked.columns, texts: $0) }
    }

    /// Closes the connection now (instead of at deinit).
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }
}

private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { UnsafePointer($0) } + [nil])
}

/// `strings` as C strings (nil for SQL NULL) for libpq's parameter arrays, freed after `body`.
func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { UnsafePointer($0) })
}
