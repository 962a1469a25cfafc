import CRMCore
import Foundation

extension AppDatabase {
    /// Migration `v3-scheduler`: the scheduler's mode, how far each job's schedule is handled, stop requests (§7).
    static func migrateScheduler(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE scheduler_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                mode TEXT NOT NULL CHECK (mode IN ('running', 'standby')),
                changed_at TEXT NOT NULL
            );
            CREATE TABLE job_schedule (
                job TEXT NOT NULL PRIMARY KEY CHECK (job <> ''),
                handled_through TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE job_stop_requests (
                run_id INTEGER NOT NULL PRIMARY KEY REFERENCES job_runs(id) ON DELETE CASCADE,
                requested_at TEXT NOT NULL
            );
            CREATE INDEX job_runs_started ON job_runs(started_at);
            CREATE INDEX job_runs_running ON job_runs(job) WHERE state = 'running';
            """)
    }
}

extension AppDatabase: SchedulerStore {
    public func schedulerMode() throws -> SchedulerMode {
        try writer.read { db in
            let text = try String.fetchOne(db, sql: "SELECT mode FROM scheduler_state WHERE id = 1")
            return text.flatMap(SchedulerMode.init(rawValue:)) ?? .running
        }
    }

    public func setSchedulerMode(_ mode: SchedulerMode, at time: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO scheduler_state (id, mode, changed_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, changed_at = excluded.changed_at
                WHERE mode <> excluded.mode
                """, arguments: [mode.rawValue, Self.timestamp(time)])
        }
    }

    public func scheduleHandledThrough() throws -> [String: Date] {
        try writer.read { db in
            try Self.datesByJob(db, sql: "SELECT job, handled_through FROM job_schedule")
        }
    }

    public func recordScheduleHandled(job: String, through time: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO job_schedule (job, handled_through) VALUES (?, ?)
                ON CONFLICT (job) DO UPDATE SET handled_through = excluded.handled_through
                WHERE excluded.handled_through > handled_through
                """, arguments: [job, Self.timestamp(time)])
        }
    }

    public func lastRunStarts() throws -> [String: Date] {
        try writer.read { db in
            try Self.datesByJob(db, sql: "SELECT job, MAX(started_at) FROM job_runs GROUP BY job")
        }
    }

    public func startRunIfIdle(job: String, at time: Date) throws -> GuardedRunStart {
        try startRunIfIdle(job: job, at: time, audit: nil)
    }

    public func failRunsLeftRunning(at time: Date, message: String) throws -> [JobRunID] {
        try writer.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM job_runs WHERE state = 'running' ORDER BY id")
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

    public func requestStop(of run: JobRunID, at time: Date) throws -> StopRequestOutcome {
        try writer.write { db in
            guard let text = try String.fetchOne(db, sql: "SELECT state FROM job_runs WHERE id = ?",
                                                 arguments: [run.rawValue]) else { return .unknownRun }
            let state = JobRunState(rawValue: text) ?? .failed
            guard state == .running else { return .notRunning(state) }
            try db.execute(sql: "INSERT OR IGNORE INTO job_stop_requests (run_id, requested_at) VALUES (?, ?)",
                           arguments: [run.rawValue, Self.timestamp(time)])
            return .requested
        }
    }

    public func isStopRequested(_ run: JobRunID) throws -> Bool {
        try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM job_stop_requests WHERE run_id = ?)",
                              arguments: [run.rawValue]) ?? false
        }
    }

    public func jobRun(_ id: JobRunID) throws -> JobRun? {
        try writer.read { db in
            try Row.fetchOne(db, sql: Self.runColumns + " WHERE id = ?", arguments: [id.rawValue]).map(Self.jobRun)
        }
    }

    public func jobRuns(startedOn day: Day) throws -> [JobRun] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.runColumns + " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id",
                             arguments: [day.rawValue + "T", day.rawValue + "U"]).map(Self.jobRun)
        }
    }

    /// The latest run of `job` (by start), or nil: one index lookup, however long the run log (`jobs list`, the
    /// console's pages).
    public func latestRun(of job: String) throws -> JobRun? {
        try writer.read { db in
            try Row.fetchOne(db, sql: Self.runColumns + " WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT 1",
                             arguments: [job]).map(Self.jobRun)
        }
    }

    static let runColumns = """
        SELECT id, job, started_at, ended_at, state, examined, changed, messages, created, updated, unchanged, rejected \
        FROM job_runs
        """

    static func jobRun(_ row: Row) -> JobRun {
        let ended: String? = row[3]
        let created: Int? = row[8]
        let imported = created.map { ImportRunCounts(created: $0, updated: row[9] ?? 0, unchanged: row[10] ?? 0,
                                                     rejected: row[11] ?? 0) }
        return JobRun(id: JobRunID(rawValue: row[0]), job: row[1], startedAt: date(row[2]) ?? .distantPast,
                      endedAt: ended.flatMap(date), state: JobRunState(rawValue: row[4]) ?? .failed,
                      examined: row[5], changed: row[6], messages: messages(row[7]), imported: imported)
    }

    private static func datesByJob(_ db: Database, sql: String) throws -> [String: Date] {
        var result: [String: Date] = [:]
        for row in try Row.fetchAll(db, sql: sql) {
            let text: String? = row[1]
            if let date = text.flatMap(date) { result[row[0]] = date }
        }
        return result
    }

    static func messages(_ text: String) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
    }

    static func messagesText(_ messages: [String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: messages, options: [.withoutEscapingSlashes]),
               as: UTF8.self)
    }
}

extension AppDatabase: SchedulerLogTruncation {
    /// A thrown marker that rolls a truncation batch back.
    private struct StopRequested: Error { var rolledBack: Int }

    public func deleteRuns(startedBefore cutoff: Date, limit: Int, unlessStopRequestedFor run: JobRunID) throws
        -> TruncationBatch {
        do {
            return try writer.write { db in
                try db.execute(sql: """
                    DELETE FROM job_runs WHERE id IN (
                        SELECT id FROM job_runs WHERE started_at < ? AND state <> 'running' ORDER BY started_at, id LIMIT ?)
                    """, arguments: [Self.timestamp(cutoff), limit])
                let deleted = db.changesCount
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM job_stop_requests WHERE run_id = ?)",
                                     arguments: [run.rawValue]) ?? false {
                    throw StopRequested(rolledBack: deleted)
                }
                return .deleted(deleted)
            }
        } catch let stop as StopRequested {
            return .stopRequested(rolledBack: stop.rolledBack)
        }
    }
}
