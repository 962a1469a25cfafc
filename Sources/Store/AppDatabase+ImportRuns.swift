import CRMCore
import Foundation

extension AppDatabase {
    /// How many of a rejected file's problems its run keeps as messages.
    public static let importProblemMessages = 10

    /// Imports `batch`, records the import as a `completed` run of the job `import` with its counts, and writes the
    /// audit line of `record`, all in one transaction: the data, its run and its audit commit together or not at all.
    public func importRecorded(_ batch: ImportBatch, record: ImportRunRecord) throws -> (summary: ImportSummary, run: JobRunID) {
        try writer.write { db in
            let summary: ImportSummary = switch batch {
            case .accounts(let records, let time): try Self.importAccounts(db, records, at: time)
            case .contacts(let records): try Self.importContacts(db, records)
            case .users(let records): try Self.importUsers(db, records)
            case .orders(let records): try Self.importOrders(db, records)
            case .contracts(let records): try Self.importContracts(db, records)
            case .ratingRules(let rules): try Self.writeRules(db, ofTypes: Set(rules.map(\.accountType)), with: rules)
            case .exchangeRates(let rates): try Self.importExchangeRates(db, rates)
            case .appointments(let rows, let time): try Self.importAppointments(db, rows, at: time)
            }
            let counts = ImportRunCounts(created: summary.inserted, updated: summary.updated, unchanged: summary.unchanged)
            let run = try Self.insertImportRun(db, record, state: .completed, counts: counts, messages: [record.title])
            let rows = summary.inserted + summary.updated + summary.unchanged
            try Self.auditImport(db, record, detail: "\(rows) rows: \(summary.inserted) inserted, \(summary.updated) updated, "
                                 + "\(summary.unchanged) unchanged")
            return (summary, run)
        }
    }

    /// Records a rejected import (nothing of the file written) as a `failed` run of `import` with its rejected rows
    /// and the first problems as messages, and its audit line, in one transaction.
    public func recordRejectedImport(_ record: ImportRunRecord, goodRows: Int, rejectedRows: Int,
                                     problems: [String]) throws -> JobRunID {
        try writer.write { db in
            var messages = [record.title] + problems.prefix(Self.importProblemMessages)
            if problems.count > Self.importProblemMessages {
                messages.append("and \(problems.count - Self.importProblemMessages) more problems")
            }
            let run = try Self.insertImportRun(db, record, state: .failed, counts: ImportRunCounts(rejected: rejectedRows),
                                               messages: messages, examined: goodRows + rejectedRows)
            try Self.auditImport(db, record, detail: "rejected: \(problems.count) problem"
                                 + "\(problems.count == 1 ? "" : "s"), nothing written")
            return run
        }
    }

    /// Records an import that failed for a reason not of the file (the database's): nothing of it was written.
    public func recordFailedImport(_ record: ImportRunRecord, error: String) throws -> JobRunID {
        try writer.write { db in
            let run = try Self.insertImportRun(db, record, state: .failed, counts: ImportRunCounts(),
                                               messages: [record.title, error])
            try Self.auditImport(db, record, detail: "failed: \(error)")
            return run
        }
    }

    private static func insertImportRun(_ db: Database, _ record: ImportRunRecord, state: JobRunState,
                                        counts: ImportRunCounts, messages: [String], examined: Int? = nil) throws -> JobRunID {
        try db.execute(sql: """
            INSERT INTO job_runs (job, started_at, ended_at, state, examined, changed, messages,
                                  created, updated, unchanged, rejected)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ImportRunRecord.job, timestamp(record.startedAt), timestamp(max(record.endedAt, record.startedAt)),
                             state.rawValue, examined ?? (counts.created + counts.updated + counts.unchanged + counts.rejected),
                             counts.created + counts.updated, try messagesText(messages),
                             counts.created, counts.updated, counts.unchanged, counts.rejected])
        return JobRunID(rawValue: try db.lastInsertedRowID)
    }

    /// The audit line's detail is its own (a prefix such as the file's name) followed by the outcome.
    private static func auditImport(_ db: Database, _ record: ImportRunRecord, detail: String) throws {
        guard var entry = record.audit else { return }
        entry.detail += detail
        try insertAudit(db, entry)
    }
}
