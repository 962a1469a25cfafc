import CRMCore
import Foundation

/// Console sessions (§8), kept in the database so that they survive a restart. Times are stored to the second, like
/// every time of this store: a session read back has its times rounded down to the whole second.
extension AppDatabase: SessionStore {
    public func createSession(_ session: ConsoleSession) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.user.rawValue, session.csrfToken,
                                 Self.timestamp(session.createdAt), Self.timestamp(session.lastSeenAt)])
        }
    }

    public func session(tokenHash: String) throws -> ConsoleSession? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM console_sessions
                WHERE token_hash = ?
                """, arguments: [tokenHash]).map { row in
                ConsoleSession(tokenHash: row[0], user: UserID(row[1] as String), csrfToken: row[2],
                               createdAt: Self.date(row[3]) ?? .distantPast,
                               lastSeenAt: Self.date(row[4]) ?? .distantPast)
            }
        }
    }

    public func touchSession(tokenHash: String, at time: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE console_sessions SET last_seen_at = ? WHERE token_hash = ?",
                           arguments: [Self.timestamp(time), tokenHash])
        }
    }

    public func deleteSession(tokenHash: String) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func deleteSessions(lastSeenBefore time: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE last_seen_at < ?",
                           arguments: [Self.timestamp(time)])
            return db.changesCount
        }
    }
}
