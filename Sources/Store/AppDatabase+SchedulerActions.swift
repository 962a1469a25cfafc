import CRMCore
import Foundation

/// The scheduler's actions of a person (console or CLI, §8): each change and its audit entry in one transaction.
extension AppDatabase {
    /// Sets the persisted mode as `actor` (audited as `jobs standby` or `jobs running`).
    public func setSchedulerMode(_ mode: SchedulerMode, at time: Date, actor: String, origin: AuditOrigin) throws {
        try setSchedulerMode(mode, at: time, audit: AuditLogEntry(at: time, actor: actor, origin: origin,
                                                                  action: "jobs \(mode.rawValue)", target: "scheduler",
                                                                  detail: "mode \(mode.rawValue)"))
    }

    /// Sets the persisted mode with `audit` (the CLI's own words), in one transaction.
    public func setSchedulerMode(_ mode: SchedulerMode, at time: Date, audit: AuditLogEntry) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO scheduler_state (id, mode, changed_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, changed_at = excluded.changed_at
                WHERE mode <> excluded.mode
                """, arguments: [mode.rawValue, Self.timestamp(time)])
            try Self.insertAudit(db, audit)
        }
    }

    /// `requestStop(of:at:)` as `actor`; audited when the request is recorded.
    public func requestStop(of run: JobRunID, at time: Date, actor: String, origin: AuditOrigin) throws
        -> StopRequestOutcome {
        try requestStop(of: run, at: time, audit: AuditLogEntry(at: time, actor: actor, origin: origin, action: "jobs stop",
                                                                target: "job run \(run)", detail: ""))
    }

    /// `requestStop(of:at:)` with `audit` (the CLI's own words), written only when the request is recorded.
    public func requestStop(of run: JobRunID, at time: Date, audit: AuditLogEntry) throws -> StopRequestOutcome {
        try writer.write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT state FROM job_runs WHERE id = ?",
                                                 arguments: [run.rawValue]) else { return .unknownRun }
            let state = JobRunState(rawValue: text) ?? .failed
            guard state == .running else { return .notRunning(state) }
            try db.execute(sql: "INSERT OR IGNORE INTO job_stop_requests (run_id, requested_at) VALUES (?, ?)",
                           arguments: [run.rawValue, Self.timestamp(time)])
            try Self.insertAudit(db, audit)
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

    /// Records a run of `job` that starts now (`rating run` of a person) with `audit`, in one transaction.
    public func startRun(job: String, at time: Date, audit: AuditLogEntry) throws -> JobRunID {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO job_runs (job, started_at, state) VALUES (?, ?, 'running')",
                           arguments: [job, Self.timestamp(time)])
            let run = JobRunID(rawValue: try db.lastInsertedRowID)
            try Self.insertAudit(db, Self.naming(audit, run))
            return run
        }
    }

    public func startRunIfIdle(job: String, at time: Date, audit: AuditLogEntry?) throws -> GuardedRunStart {
        try writer.write { db in
            if let busy = try Int64.fetchOne(db, sql: "SELECT id FROM job_runs WHERE job = ? AND state = 'running'",
                                             arguments: [job]) {
                return .busy(JobRunID(rawValue: busy))
            }
            try db.execute(sql: "INSERT INTO job_runs (job, started_at, state) VALUES (?, ?, 'running')",
                           arguments: [job, Self.timestamp(time)])
            let run = JobRunID(rawValue: try db.lastInsertedRowID)
            if let audit { try Self.insertAudit(db, Self.naming(audit, run)) }
            return .started(run)
        }
    }

    /// `audit` with the run as its target when it names none.
    private static func naming(_ audit: AuditLogEntry, _ run: JobRunID) -> AuditLogEntry {
        var entry = audit
        if entry.target.isEmpty { entry.target = "job-run \(run)" }
        return entry
    }

    /// `replaceRules(ofTypes:with:)` of a person (`rating validate --repair`) with `audit`, in one transaction.
    public func replaceRules(ofTypes types: Set<AccountType>, with rules: [RatingRule], audit: AuditLogEntry) throws {
        try writer.write { db in
            _ = try Self.writeRules(db, ofTypes: types, with: rules)
            try Self.insertAudit(db, audit)
        }
    }
}
