import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store

/// A fresh database file per test, filled through the CSV importer, rated with a fixed clock.
final class RatingWorld {
    let directory: URL
    let database: AppDatabase
    var now: Date

    /// 2026-06-15T12:00:00Z unless told.
    init(now: Date = Date(timeIntervalSince1970: 1_781_524_800)) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ratingtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        self.now = now
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func load(_ kind: ImportKind, _ csv: String) throws -> ImportSummary {
        try ReferenceImporter(database: database).importBytes(kind, Array(csv.utf8), file: "\(kind.rawValue).csv", now: now)
    }

    @discardableResult
    func run(full: Bool = false) throws -> RatingJob.Outcome {
        try RatingJob(store: database, log: database).run(full: full, now: now)
    }

    func ratings() throws -> [String: Int?] {
        var result: [String: Int?] = [:]
        for row in try database.exportAccounts() { result.updateValue(row.rating?.rawValue, forKey: row.record.id.rawValue) }
        return result
    }

    func rating(_ id: String) throws -> Int? { try ratings()[id] ?? nil }

    func modifiedAt() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try database.exportAccounts().map { ($0.record.id.rawValue, $0.modifiedAt) })
    }

    /// Standard rules: Customer and Reseller in EUR, 1 from 10000, 2 from 1000, 3 from 0 to 999.
    func loadStandardRules() throws {
        try load(.ratingRules, """
            account_type,rating,amount_from,amount_to,currency
            Customer,1,10000,999999999,EUR
            Customer,2,1000,9999,EUR
            Customer,3,0,999,EUR
            Reseller,1,10000,999999999,EUR
            Reseller,2,1000,9999,EUR
            Reseller,3,0,999,EUR
            """)
    }
}

/// `id,type,status,parent` lines → accounts.csv.
func accountsCSV(_ rows: [(String, String, String, String)]) -> String {
    "id,name,type,status,parent_id,currency\n" + rows.map { "\($0.0),Name \($0.0),\($0.1),\($0.2),\($0.3),EUR" }
        .joined(separator: "\n")
}

/// `id,account,item,service,currency` lines → contracts.csv.
func contractsCSV(_ rows: [(String, String, String, String, String)], modifiedAt: String = "2026-01-01T00:00:00Z") -> String {
    "id,account_id,item_value,service_value,currency,modified_at\n"
        + rows.map { "\($0.0),\($0.1),\($0.2),\($0.3),\($0.4),\(modifiedAt)" }.joined(separator: "\n")
}
