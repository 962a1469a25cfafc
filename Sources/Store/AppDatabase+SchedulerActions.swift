import CRMCore
import Foundation
import GRDB

/// The scheduler's actions of a person (console or CLI, §8): each change and its audit entry in one transaction.
extension AppDatabase {
    /// Sets the persisted mode as `actor` (audited as `jobs standby` or `jobs running`).
    public func setSchedulerMode(_ mode: SchedulerMode, at time: Date, actor: String, origin: AuditOrigin) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO scheduler_state (id, mode, changed_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, changed_at = excluded.changed_at
                WHERE mode <> excluded.mode
                """, arguments: [mode.rawValue, Self.timestamp(time)])
            try Self.insertAudit(db, AuditLogEntry(at: time, actor: actor, origin: origin, action: "jobs \(mode.rawValue)",
                                                   target: "scheduler", detail: "mode \(mode.rawValue)"))
        }
    }

    /// `requestStop(of:at:)` as `actor`; audited when the request is recorded.
    public func requestStop(of run: JobRunID, at time: Date, actor: String, origin: AuditOrigin) throws
        -> StopRequestOutcome {
        try writer.write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT state FROM job_runs WHERE id = ?",
                                                 arguments: [run.rawValue]) else { return .unknownRun }
            let state = JobRunState(rawValue: text) ?? .failed
            guard state == .running else { return .notRunning(state) }
            try db.execute(sql: "INSERT OR IGNORE INTO job_stop_requests (run_id, requested_at) VALUES (?, ?)",
                           arguments: [run.rawValue, Self.timestamp(time)])
            try Self.insertAudit(db, AuditLogEntry(at: time, actor: actor, origin: origin, action: "jobs stop",
                                                   target: "job run \(run)", detail: ""))
            return .requested
        }
    }

    /// Audits a run `actor` started (`jobs run NAME`); the run itself was recorded by the scheduler that started it.
    public func auditRunStarted(_ run: JobRunID, job: String, at time: Date, actor: String,
                                origin: AuditOrigin) throws {
        try writer.write { db in
            try Self.insertAudit(db, AuditLogEntry(at: time, actor: actor, origin: origin, action: "jobs run",
                                                   target: "job run \(run)", detail: job))
        }
    }
}
