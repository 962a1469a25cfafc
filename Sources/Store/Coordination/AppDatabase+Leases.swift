import CRMCore
import Foundation

/// `LeaseStore` (issue 14): each call one write transaction of conditional SQL that both engines run alike. Writers
/// are serialised (SQLite's lock; on PostgreSQL the engine's advisory lock), and the UPDATE's own condition keeps the
/// rule even where they were not.
extension AppDatabase: LeaseStore {
    public func acquireLease(_ key: LeaseKey, holder: InstanceName, ttl: Duration, now: Date?) throws -> LeaseGrant {
        try writer.write { db in
            let nowMS = try now.map(Self.milliseconds) ?? Self.leaseClock(db)
            let expiresMS = nowMS + Int64(ttl.timeInterval * 1000)
            try db.execute(sql: """
                INSERT INTO leases (lease_key, holder, token, acquired_at_ms, expires_at_ms) VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (lease_key) DO NOTHING
                """, arguments: [key.rawValue, holder.rawValue, nowMS, expiresMS])
            if db.changesCount == 0 {
                // Taken when expired (or released), renewed when still ours: a new holder, or ours again after it
                // expired, raises the token; a renewal keeps it and the time it was taken.
                try db.execute(sql: """
                    UPDATE leases SET
                        token = CASE WHEN holder = ? AND expires_at_ms > ? THEN token ELSE token + 1 END,
                        acquired_at_ms = CASE WHEN holder = ? AND expires_at_ms > ? THEN acquired_at_ms ELSE ? END,
                        holder = ?, expires_at_ms = ?
                    WHERE lease_key = ? AND (holder = ? OR expires_at_ms <= ?)
                    """, arguments: [holder.rawValue, nowMS, holder.rawValue, nowMS, nowMS, holder.rawValue, expiresMS,
                                     key.rawValue, holder.rawValue, nowMS])
            }
            let taken = db.changesCount > 0
            guard let lease = try Self.lease(db, key) else { throw CorruptValue(table: "leases", column: "lease_key") }
            return taken ? .held(lease) : .heldByOther(holder: lease.holder, expires: lease.expires)
        }
    }

    public func releaseLease(_ key: LeaseKey, holder: InstanceName, now: Date?) throws {
        try writer.write { db in
            let nowMS = try now.map(Self.milliseconds) ?? Self.leaseClock(db)
            try db.execute(sql: """
                UPDATE leases SET expires_at_ms = ? WHERE lease_key = ? AND holder = ? AND expires_at_ms > ?
                """, arguments: [nowMS, key.rawValue, holder.rawValue, nowMS])
        }
    }

    public func leases() throws -> LeaseTable {
        try writer.read { db in
            let now = try Self.leaseClock(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT lease_key, holder, token, acquired_at_ms, expires_at_ms FROM leases ORDER BY lease_key
                """)
            return LeaseTable(now: Self.date(now), leases: rows.map(Self.lease))
        }
    }

    /// The lease row of `key` as `db` sees it.
    static func lease(_ db: Database, _ key: LeaseKey) throws -> Lease? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT lease_key, holder, token, acquired_at_ms, expires_at_ms FROM leases WHERE lease_key = ?
            """), arguments: [key.rawValue]).map(lease)
    }

    static func lease(_ row: Row) -> Lease {
        Lease(key: LeaseKey(row[0]), holder: InstanceName(row[1]), acquired: date(row[3]), expires: date(row[4]),
              token: row[2])
    }

    /// The database's clock in milliseconds since 1970: the one clock all instances of a database compare lease
    /// times with (machines' clocks differ; each holder measures its own renewals with a monotonic clock only).
    /// SQLite: the process's clock, since every process sharing a SQLite file runs on its machine. PostgreSQL: the
    /// server's `clock_timestamp()`.
    static func leaseClock(_ db: Database) throws -> Int64 {
        // PostgreSQL: the server's clock, one for every machine sharing the database; SQLite: every process sharing
        // the file runs on this machine, so its clock is the database's.
        if db.isPostgres,
           let now = try Int64.fetchOne(db, sql: "SELECT CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS BIGINT)") {
            return now
        }
        return milliseconds(Date())
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
