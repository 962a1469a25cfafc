import GRDB
import StorePostgres

extension AppDatabase {
    /// The engine's answers that say the database cannot be written now, whatever the message (§12: they never
    /// make a message `unprocessable`); anything else thrown in a capture transaction is about the message in hand.
    public func isUnavailability(_ error: any Error) -> Bool {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_NOMEM,
                .SQLITE_READONLY, .SQLITE_INTERRUPT, .SQLITE_PROTOCOL, .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_PERM,
                .SQLITE_ABORT:
                return true
            default:
                return false
            }
        }
        if let error = error as? PostgresStatementFailed {
            // "" is libpq losing the connection; 08 connection, 53 resources (disk full, out of memory, too many
            // connections), 57 operator intervention (shutdown), 58 system errors (I/O), 40 rollbacks (serialisation,
            // deadlock), 25006 a read-only standby after a failover.
            let state = error.sqlState
            return state.isEmpty || ["08", "53", "57", "58", "40", "XX"].contains(String(state.prefix(2)))
                || state == "25006"
        }
        return error is PostgresConnectFailed || error is PostgresPoolExhausted || error is PostgresTransactionAborted
    }
}
