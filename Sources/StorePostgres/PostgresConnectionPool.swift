import Foundation

/// At most `size` connections to one database, opened on demand and reused.
///
/// `withConnection` blocks its thread: while it waits for a free connection and while libpq waits for the server.
/// Callers are the Store's own threads (as with GRDB's DatabasePool), never tasks of the cooperative pool, which a
/// blocked checkout would starve. A connection found broken after use (server restarted, network cut) is closed and
/// its place freed, so the next checkout opens a new one.
public final class PostgresConnectionPool: @unchecked Sendable {
    public let configuration: PostgresConfiguration
    public let size: Int
    private let password: String?
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections open, idle or checked out (≤ size).
    private var open = 0

    /// `password` is what the caller read from the password file; the pool keeps it to open connections and never
    /// shows it.
    public init(configuration: PostgresConfiguration, password: String?, size: Int) {
        precondition(size > 0, "a pool needs at least one connection")
        self.configuration = configuration
        self.password = password
        self.size = size
    }

    /// Checks out a connection (waiting up to `timeout` for one when all `size` are in use), runs `body`, and
    /// gives it back. A transaction `body` left open is rolled back first, so the next caller starts clean.
    public func withConnection<T>(timeout: Duration = .seconds(30),
                                  _ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try checkOut(timeout: timeout)
        defer { checkIn(connection) }
        return try body(connection)
    }

    /// `withConnection` + `write`: one transaction on a pooled connection.
    public func write<T>(isolation: PostgresIsolation = .serializable, timeout: Duration = .seconds(30),
                         _ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection(timeout: timeout) { connection in try connection.write(isolation: isolation, body) }
    }

    /// How many connections are open now (idle or in use).
    public var openConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return open
    }

    private func checkOut(timeout: Duration) throws -> PostgresConnection {
        let deadline = Date().addingTimeInterval(Double(timeout.components.seconds)
            + Double(timeout.components.attoseconds) / 1e18)
        condition.lock()
        while true {
            if let connection = idle.popLast() {
                condition.unlock()
                if connection.isHealthy { return connection }
                discard(connection)
                condition.lock()
                continue
            }
            if open < size {
                open += 1
                condition.unlock()
                do {
                    return try PostgresConnection.connect(configuration, password: password)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw PostgresPoolExhausted(configuration: configuration, size: size, waited: timeout)
            }
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        if connection.isHealthy, connection.inTransaction { _ = try? connection.execute("ROLLBACK") }
        guard connection.isHealthy else { return discard(connection) }
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    private func discard(_ connection: PostgresConnection) {
        connection.close()
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }
}

/// Every connection of the pool stayed in use for the whole wait.
public struct PostgresPoolExhausted: Error, CustomStringConvertible {
    public var configuration: PostgresConfiguration
    public var size: Int
    public var waited: Duration
    public var description: String {
        "no free connection to \(configuration) after \(waited): all \(size) of the pool are in use"
    }
}
