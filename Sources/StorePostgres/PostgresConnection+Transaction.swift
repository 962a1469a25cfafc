/// How strictly a transaction is isolated from concurrent ones.
public enum PostgresIsolation: String, Sendable {
    /// Each statement sees what was committed before it: the level for work guarded by explicit locks
    /// (`pg_advisory_xact_lock`, `SELECT … FOR UPDATE SKIP LOCKED`), whose later statements must see rows committed
    /// while they waited.
    case readCommitted = "READ COMMITTED"
    /// As if the transactions ran one after another; a conflict fails with SQLSTATE 40001, to be retried.
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` inside BEGIN … COMMIT; an error thrown by `body` (or by COMMIT) rolls the transaction back and is
    /// rethrown, so nothing of a failed `body` stays.
    public func write<T>(isolation: PostgresIsolation = .serializable,
                         _ body: (PostgresConnection) throws -> T) throws -> T {
        try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            // A broken connection cannot roll back; the server drops its transaction when the socket closes.
            if inTransaction { _ = try? execute("ROLLBACK") }
            throw error
        }
    }
}
