import CRMCore
import Foundation

extension AppDatabase {
    /// Migration `v6-pending-runs`: one-off runs asked for at a time (`jobs run NAME --at`, §7), and an import's
    /// counts on its run.
    ///
    /// - A pending run leaves `pending_runs` in the transaction that records its run, and the run names it
    ///   (`pending_run`, unique): it starts once, whichever process claims it, and `jobs cancel` of a started one can
    ///   name its run. AUTOINCREMENT: an id is never reused.
    /// - `created`, `updated`, `unchanged`, `rejected` are set on runs of the job `import` only (NULL otherwise), beside
    ///   `examined` (rows read) and `changed` (created + updated), which keep their meaning for every job.
    static func migratePendingRuns(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE pending_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                job TEXT NOT NULL CHECK (job <> ''),
                run_at TEXT NOT NULL,
                requested_at TEXT NOT NULL,
                requested_by TEXT NOT NULL
            );
            CREATE INDEX pending_runs_due ON pending_runs(run_at);
            ALTER TABLE job_runs ADD COLUMN pending_run INTEGER;
            CREATE UNIQUE INDEX job_runs_pending_run ON job_runs(pending_run) WHERE pending_run IS NOT NULL;
            ALTER TABLE job_runs ADD COLUMN created INTEGER;
            ALTER TABLE job_runs ADD COLUMN updated INTEGER;
            ALTER TABLE job_runs ADD COLUMN unchanged INTEGER;
            ALTER TABLE job_runs ADD COLUMN rejected INTEGER;
            """)
    }

    /// Records a one-off run of `job` at `runAt` and its audit line, in one transaction; returns its id.
    public func addPendingRun(job: String, at runAt: Date, audit: AuditLogEntry) throws -> PendingRunID {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO pending_runs (job, run_at, requested_at, requested_by) VALUES (?, ?, ?, ?)
                """, arguments: [job, Self.timestamp(runAt), Self.timestamp(audit.at), audit.actor])
            let id = PendingRunID(rawValue: try db.lastInsertedRowID)
            var entry = audit
            entry.target = "pending-run \(id)"
            try Self.insertAudit(db, entry)
            return id
        }
    }

    /// Removes pending run `id` (`jobs cancel`) with its audit line, in one transaction; nothing is written when it
    /// does not exist or has started.
    public func cancelPendingRun(_ id: PendingRunID, audit: AuditLogEntry) throws -> PendingRunCancellation {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: Self.pendingColumns + " WHERE id = ?", arguments: [id.rawValue]) else {
                if let run = try Int64.fetchOne(db, sql: "SELECT id FROM job_runs WHERE pending_run = ?",
                                                arguments: [id.rawValue]) {
                    return .alreadyStarted(JobRunID(rawValue: run))
                }
                return .unknown
            }
            let pending = Self.pendingRun(row)
            try db.execute(sql: "DELETE FROM pending_runs WHERE id = ?", arguments: [id.rawValue])
            var entry = audit
            entry.target = "pending-run \(id)"
            if entry.detail.isEmpty { entry.detail = "\(pending.job) at \(Self.timestamp(pending.runAt))" }
            try Self.insertAudit(db, entry)
            return .cancelled(pending)
        }
    }

    public func pendingRuns() throws -> [PendingRun] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.pendingColumns + " ORDER BY run_at, id").map(Self.pendingRun)
        }
    }

    public func claimPendingRun(_ id: PendingRunID, at time: Date) throws -> PendingRunClaim {
        try writer.write { db in
            guard let job = try String.fetchOne(db, sql: "SELECT job FROM pending_runs WHERE id = ?",
                                                arguments: [id.rawValue]) else { return .gone }
            if let busy = try Int64.fetchOne(db, sql: "SELECT id FROM job_runs WHERE job = ? AND state = 'running'",
                                             arguments: [job]) {
                return .busy(JobRunID(rawValue: busy))
            }
            // The DELETE decides who claims it (a second claimant finds no row): the check above and this are one
            // transaction, as they must be on a store that lets two writers in at once.
            try db.execute(sql: "DELETE FROM pending_runs WHERE id = ?", arguments: [id.rawValue])
            guard db.changesCount == 1 else { return .gone }
            return .started(try Self.insertRunningRun(db, job: job, at: time, pendingRun: id.rawValue))
        }
    }

    /// The runs in `state`, newest first (at most `limit`).
    public func jobRuns(inState state: JobRunState, limit: Int?) throws -> [JobRun] {
        try writer.read { db in
            // No limit: the largest bigint (PostgreSQL refuses SQLite's -1).
            try Row.fetchAll(db, sql: Self.runColumns + " WHERE state = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                             arguments: [state.rawValue, limit ?? Int(Int64.max)]).map(Self.jobRun)
        }
    }

    private static let pendingColumns = "SELECT id, job, run_at, requested_at, requested_by FROM pending_runs"

    private static func pendingRun(_ row: Row) -> PendingRun {
        PendingRun(id: PendingRunID(rawValue: row[0]), job: row[1], runAt: date(row[2]) ?? .distantPast,
                   requestedAt: date(row[3]) ?? .distantPast, requestedBy: row[4])
    }
}
