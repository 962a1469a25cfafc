import CRMCore
import Foundation

extension AppDatabase {
    /// Migration `v7-instances` (issue 14): the instances sharing the database with their heartbeat, and the instance
    /// that runs each run.
    ///
    /// - `expires_at` is `seen_at` plus the instance's own `instance.lease_seconds`, computed by the instance: times
    ///   are compared as ISO text, never computed in SQL (portable to PostgreSQL).
    /// - `job_runs.instance` is NULL for runs recorded before this migration (one process then: failed at start-up
    ///   as before).
    static func migrateInstances(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE instances (
                name TEXT NOT NULL PRIMARY KEY CHECK (name <> ''),
                started_at TEXT NOT NULL,
                seen_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                pid INTEGER,
                version TEXT
            );
            ALTER TABLE job_runs ADD COLUMN instance TEXT;
            CREATE INDEX job_runs_running_instance ON job_runs(instance) WHERE state = 'running';
            """)
    }

    /// How long a run's instance counts as alive when it starts a run without having heartbeated (a one-shot command
    /// that renews nothing): its run is failed by others only after this.
    static let unrenewedInstanceGrace: TimeInterval = 30

    /// Records a run of `job` that starts now in state `running`, as this process's instance (`ProcessInstance`),
    /// whose heartbeat row is created when missing; returns its id.
    static func insertRunningRun(_ db: Database, job: String, at time: Date, pendingRun: Int64? = nil) throws -> JobRunID {
        let instance = ProcessInstance.name.rawValue
        try db.execute(sql: """
            INSERT INTO instances (name, started_at, seen_at, expires_at, pid) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (name) DO NOTHING
            """, arguments: [instance, timestamp(time), timestamp(time),
                             timestamp(time.addingTimeInterval(unrenewedInstanceGrace)),
                             Int(ProcessInfo.processInfo.processIdentifier)])
        try db.execute(sql: """
            INSERT INTO job_runs (job, started_at, state, pending_run, instance) VALUES (?, ?, 'running', ?, ?)
            """, arguments: [job, timestamp(time), pendingRun, instance])
        return JobRunID(rawValue: try db.lastInsertedRowID)
    }
}

extension AppDatabase: InstanceRegistry {
    public func renewInstance(_ instance: InstanceName, at time: Date, expiresAt: Date, starting: Bool, pid: Int?,
                              version: String?) throws {
        try writer.write { db in
            // A start-up resets started_at; a heartbeat keeps it (and never moves seen_at back).
            try db.execute(sql: """
                INSERT INTO instances (name, started_at, seen_at, expires_at, pid, version) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET
                    started_at = CASE WHEN ? <> 0 THEN excluded.started_at ELSE instances.started_at END,
                    seen_at = excluded.seen_at, expires_at = excluded.expires_at,
                    pid = excluded.pid, version = excluded.version
                """, arguments: [instance.rawValue, Self.timestamp(time), Self.timestamp(time), Self.timestamp(expiresAt),
                                 pid, version, starting ? 1 : 0])
        }
    }

    public func instances() throws -> [InstanceRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT name, started_at, seen_at, expires_at, pid, version FROM instances ORDER BY name
                """).map { row in
                InstanceRecord(name: InstanceName(row[0]), startedAt: Self.date(row[1]) ?? .distantPast,
                               seenAt: Self.date(row[2]) ?? .distantPast, expiresAt: Self.date(row[3]) ?? .distantPast,
                               pid: row[4], version: row[5])
            }
        }
    }

    public func runningRuns() throws -> [JobRun] { try jobRuns(inState: .running, limit: nil) }

    public func failRunsLeftRunning(by instance: InstanceName, at time: Date, message: String) throws -> [JobRunID] {
        try writer.write { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT r.id FROM job_runs r LEFT JOIN instances i ON i.name = r.instance
                WHERE r.state = 'running'
                  AND (r.instance IS NULL OR r.instance = ? OR i.name IS NULL OR i.expires_at < ?)
                ORDER BY r.id
                """, arguments: [instance.rawValue, Self.timestamp(time)])
            return try Self.fail(db, ids, at: time, message: message)
        }
    }

    public func failRunsOfLapsedInstances(except instance: InstanceName, at time: Date, message: String) throws
        -> [JobRunID] {
        try writer.write { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT r.id FROM job_runs r LEFT JOIN instances i ON i.name = r.instance
                WHERE r.state = 'running' AND r.instance IS NOT NULL AND r.instance <> ?
                  AND (i.name IS NULL OR i.expires_at < ?)
                ORDER BY r.id
                """, arguments: [instance.rawValue, Self.timestamp(time)])
            return try Self.fail(db, ids, at: time, message: message)
        }
    }

    /// Marks runs `failed` at `time`, `message` added to theirs.
    static func fail(_ db: Database, _ ids: [Int64], at time: Date, message: String) throws -> [JobRunID] {
        for id in ids {
            let old = try String.fetchOne(db, sql: "SELECT messages FROM job_runs WHERE id = ?", arguments: [id])
            var messages = Self.messages(old ?? "[]")
            messages.append(message)
            try db.execute(sql: "UPDATE job_runs SET state = 'failed', ended_at = ?, messages = ? WHERE id = ?",
                           arguments: [Self.timestamp(time), try Self.messagesText(messages), id])
        }
        return ids.map(JobRunID.init(rawValue:))
    }
}
