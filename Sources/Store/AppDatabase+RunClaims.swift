import CRMCore
import Foundation
import GRDB

/// The claim of a scheduled run (issue 14): several schedulers on one database compute the same fire times; the
/// first to record a fire time handled starts its run, the others find it handled. One write transaction, so it holds
/// on SQLite (one writer at a time) and on PostgreSQL (writes serialised by the engine's advisory lock).
extension AppDatabase {
    public func claimScheduledRun(job: String, unhandledSince bound: Date, at time: Date) throws -> ScheduledRunClaim {
        try writer.write { db in
            if let text = try String.fetchOne(db, sql: "SELECT handled_through FROM job_schedule WHERE job = ?",
                                              arguments: [job]),
               let handled = Self.date(text), handled >= Self.wholeSeconds(bound) {
                return .handledElsewhere(handledThrough: handled)
            }
            try db.execute(sql: """
                INSERT INTO job_schedule (job, handled_through) VALUES (?, ?)
                ON CONFLICT (job) DO UPDATE SET handled_through = excluded.handled_through
                WHERE excluded.handled_through > job_schedule.handled_through
                """, arguments: [job, Self.timestamp(time)])
            let mode = try String.fetchOne(db, sql: "SELECT mode FROM scheduler_state WHERE id = 1")
            if mode == SchedulerMode.standby.rawValue { return .standby }
            if let busy = try Int64.fetchOne(db, sql: "SELECT id FROM job_runs WHERE job = ? AND state = 'running'",
                                             arguments: [job]) {
                return .busy(JobRunID(rawValue: busy))
            }
            return .started(try Self.insertRunningRun(db, job: job, at: time))
        }
    }

    /// `date` as the store keeps it (to the second, rounded down), for comparing with a stored time.
    static func wholeSeconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
