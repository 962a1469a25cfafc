import CRMCore
import Foundation
import Store

extension ReferenceImporter {
    /// What a recorded import wrote, and its run in the run log.
    public struct Recorded: Sendable, Hashable {
        public var summary: ImportSummary
        public var run: JobRunID
        /// Data rows of the file.
        public var rows: Int
    }

    /// Imports CSV `bytes` as a person's action (`crmservice import`, the console): the data, its run of the job
    /// `import` (§7, with the counts created/updated/unchanged/rejected) and `audit` (§8, its detail completed with
    /// the outcome) commit in one transaction. A file with bad rows writes nothing but its `failed` run (rejected
    /// rows, the first problems as messages) and its audit line, then throws `ImportRejected` carrying that run.
    public func importRecorded(_ kind: ImportKind, _ bytes: [UInt8], file: String, startedAt: Date = Date(),
                               audit: AuditLogEntry?, clock: @escaping () -> Date = Date.init) throws -> Recorded {
        let record = { ImportRunRecord(title: "\(kind.rawValue) from \(file)", startedAt: startedAt, endedAt: clock(), audit: audit) }
        let decoded: (DecodedRows, [CSVError], goodRows: Int)
        do { decoded = try decode(kind, bytes, file: file) } catch {
            _ = try? database.recordFailedImport(record(), error: "\(error)")
            throw error
        }
        guard decoded.1.isEmpty else {
            let rejectedRows = Set(decoded.1.map(\.line)).count
            let run = try database.recordRejectedImport(record(), goodRows: decoded.goodRows, rejectedRows: rejectedRows,
                                                        problems: decoded.1.map(\.description))
            throw ImportRejected(problems: decoded.1, run: run)
        }
        do {
            let written = try database.importRecorded(Self.batch(decoded.0, at: startedAt), record: record())
            return Recorded(summary: written.summary, run: written.run, rows: decoded.goodRows)
        } catch {
            // The import's transaction rolled back whole: the failure is recorded on its own.
            _ = try? database.recordFailedImport(record(), error: "\(error)")
            throw error
        }
    }

    /// Imports the file at `path` as `importRecorded` does; a file that cannot be read is not recorded.
    public func importFileRecorded(_ kind: ImportKind, path: String, audit: AuditLogEntry?) throws -> Recorded {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try importRecorded(kind, bytes, file: (path as NSString).lastPathComponent, audit: audit)
    }

    static func batch(_ rows: DecodedRows, at time: Date) -> ImportBatch {
        switch rows {
        case .accounts(let records): .accounts(records, at: time)
        case .contracts(let records): .contracts(records)
        case .ratingRules(let rules): .ratingRules(rules)
        case .exchangeRates(let rates): .exchangeRates(rates)
        case .contacts(let records): .contacts(records)
        case .users(let records): .users(records)
        case .orders(let records): .orders(records)
        case .appointments(let rows): .appointments(rows, at: time)
        }
    }
}
