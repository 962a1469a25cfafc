import StoreTestSupport
import CRMCore
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct AppDatabaseTests {
    let db: TestDatabase
    init() throws { db = try TestDatabase() }

    func account(_ id: String, type: AccountType = .customer, status: AccountStatus = .active, parent: String? = nil,
                 name: String = "n") -> AccountRecord {
        AccountRecord(id: AccountID(id), name: name, type: type, status: status, parentID: parent.map { AccountID($0) },
                      currency: CurrencyCode(rawValue: "EUR")!)
    }

    @Test func migratesOnFirstOpenInWALWithForeignKeys() throws {
        let (mode, fk, tables) = try db.database.writer.read { d in
            (try String.fetchOne(d, sql: "PRAGMA journal_mode"), try Int.fetchOne(d, sql: "PRAGMA foreign_keys"),
             try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        }
        #expect(mode == "wal")
        #expect(fk == 1)
        for t in ["accounts", "contracts", "rating_rules", "exchange_rates", "job_runs", "rating_state"] {
            #expect(tables.contains(t))
        }
        let applied = try db.database.appliedMigrations()
        #expect(Array(applied.prefix(3)) == ["v1-reference-data", "v1-job-runs", "v1-rating-state"])
        #expect(applied.contains("v3-scheduler") && applied.contains("v4-copies"))
        #expect(applied.contains("v4-unmatched-limits") && applied.contains("v4-capture-attempts"))
        // Opening again migrates nothing and keeps the data.
        _ = try TestStore.open(path: db.directory.appendingPathComponent("crm.sqlite").path)
    }

    @Test("the database file and its -wal and -shm files are created readable by their owner only (0600)")
    func databaseFilesArePrivate() throws {
        let path = db.directory.appendingPathComponent("private.sqlite").path
        let previous = umask(0o022)
        defer { umask(previous) }
        let database = try TestStore.open(path: path)
        try database.writer.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, "\(file)")
            #expect(mode == 0o600, "\(file): \(String(mode, radix: 8))")
        }
    }

    @Test func aDatabaseMigratedByANewerReleaseIsRefusedAndLeftAlone() throws {
        let path = db.directory.appendingPathComponent("crm.sqlite").path
        try db.database.writer.write { d in
            try d.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect {
            _ = try TestStore.open(path: path)
        } throws: { error in
            let refused = error as? DatabaseFromNewerRelease
            return refused?.unknownMigrations == ["v99-from-the-future"]
                && refused?.description.contains("newer release") == true
                && refused?.description.contains(path) == true
        }
        let applied = try db.database.writer.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.last == "v99-from-the-future")
    }

    @Test func upsertWritesOnlyRowsThatChange() throws {
        let t0 = Date(timeIntervalSince1970: 1_000_000_000)
        var s = try db.database.importAccounts([account("A"), account("B", parent: "A")], at: t0)
        #expect(s == ImportSummary(inserted: 2))
        s = try db.database.importAccounts([account("A"), account("B", parent: "A", name: "renamed")],
                                           at: t0.addingTimeInterval(60))
        #expect(s == ImportSummary(updated: 1, unchanged: 1))
        let rows = try db.database.exportAccounts()
        #expect(rows.first { $0.record.id.rawValue == "A" }?.modifiedAt == "2001-09-09T01:46:40Z")
        #expect(rows.first { $0.record.id.rawValue == "B" }?.modifiedAt == "2001-09-09T01:47:40Z")
    }

    @Test func aParentThatDoesNotExistViolatesTheForeignKey() throws {
        #expect(throws: (any Error).self) { try db.database.importAccounts([account("A", parent: "nope")], at: Date()) }
        #expect(try db.database.exportAccounts().isEmpty)
    }

    @Test func aParentLaterInTheSameImportIsAccepted() throws {
        try db.database.importAccounts([account("B", parent: "A"), account("A")], at: Date())
        #expect(try db.database.exportAccounts().count == 2)
    }

    @Test func contractsNeedAnExistingAccount() throws {
        let c = ContractRecord(id: ContractID("C"), accountID: AccountID("none"), itemValue: Amount("1")!,
                               serviceValue: .zero, currency: CurrencyCode(rawValue: "EUR")!, modifiedAt: "2026-01-01")
        #expect(throws: (any Error).self) { try db.database.importContracts([c]) }
    }

    @Test func jobRunsAreRecorded() throws {
        let id = try db.database.startRun(job: "rating", at: Date(timeIntervalSince1970: 0))
        #expect(try db.database.jobRuns().first?.state == .running)
        try db.database.finishRun(id, state: .completed, at: Date(timeIntervalSince1970: 5), examined: 3, changed: 1,
                                  messages: ["a \"b\""])
        let run = try #require(try db.database.jobRuns().first)
        #expect(run.state == .completed)
        #expect(run.endedAt == Date(timeIntervalSince1970: 5))
        #expect(run.examined == 3 && run.changed == 1 && run.messages == ["a \"b\""])
    }

    @Test func aRulesImportReplacesTheRulesOfTheTypesItNames() throws {
        let eur = CurrencyCode(rawValue: "EUR")!
        func rule(_ t: AccountType, _ r: Int, _ a: Int64, _ b: Int64) -> RatingRule {
            RatingRule(accountType: t, rating: Rating(rawValue: r)!, amountFrom: a, amountTo: b, currency: eur)
        }
        try db.database.importRatingRules([rule(.customer, 1, 100, 200), rule(.reseller, 1, 0, 10)])
        try db.database.importRatingRules([rule(.customer, 2, 0, 99)])
        let rules = try db.database.allRules()
        #expect(Set(rules) == [rule(.customer, 2, 0, 99), rule(.reseller, 1, 0, 10)])
    }
}
