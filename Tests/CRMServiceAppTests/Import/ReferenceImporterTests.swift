import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

@Suite("§3 Importing reference data") struct ReferenceImporterTests {
    let w: RatingWorld
    init() throws { w = try RatingWorld() }

    func expectBadInput(_ kind: ImportKind, _ csv: String, _ message: String) {
        #expect(throws: (any Error).self) { try w.load(kind, csv) }
        do { try w.load(kind, csv) } catch { #expect("\(error)" == message) }
    }

    @Test func aBadDecimalNamesFileLineAndField() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        expectBadInput(.contracts, """
            id,account_id,item_value,service_value,currency,modified_at
            C1,A,1,2,EUR,2026-01-01
            "C2",A,"12,5",0,EUR,2026-01-01
            """, #"contracts.csv line 3, field item_value: "12,5" is not a decimal (digits with an optional '.' and at most 12 decimals)"#)
    }

    @Test func aBadRowRejectsTheWholeFile() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        let csv = contractsCSV([("C1", "A", "1", "0", "EUR"), ("C2", "A", "2", "0", "EUR")]) + "\nC3,A,3,0,euro,2026-01-01"
        #expect(throws: ImportRejected.self) { try w.load(.contracts, csv) }
        #expect(try w.database.exportContracts().isEmpty)
    }

    @Test func aParentMustBeInTheFileOrTheDatabase() throws {
        expectBadInput(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", "Z")]),
                       #"accounts.csv line 3, field parent_id: "Z" names no account in this file or the database"#)
        try w.load(.accounts, accountsCSV([("B", "Customer", "Active", "A"), ("A", "Customer", "Active", "")]))
        try w.load(.accounts, accountsCSV([("C", "Customer", "Active", "A")]))
        #expect(try w.database.exportAccounts().count == 3)
    }

    @Test func aContractMustNameAnAccount() throws {
        expectBadInput(.contracts, contractsCSV([("C1", "nope", "1", "0", "EUR")]),
                       #"contracts.csv line 2, field account_id: "nope" names no account"#)
    }

    @Test func anIdGivenTwiceIsAnError() throws {
        expectBadInput(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("A", "Customer", "Active", "")]),
                       #"accounts.csv line 3, field id: "A" is given twice (first on line 2)"#)
    }

    @Test func modifiedAtMustBeISO8601() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
        expectBadInput(.contracts, contractsCSV([("C1", "A", "1", "0", "EUR")], modifiedAt: "01/02/2026"),
                       #"contracts.csv line 2, field modified_at: "01/02/2026" is not an ISO 8601 date or time"#)
        try w.load(.contracts, contractsCSV([("C1", "A", "1", "0", "EUR")], modifiedAt: "2026-01-02T03:04:05.123+02:00"))
    }

    @Test func ratingRulesAreChecked() throws {
        let header = "account_type,rating,amount_from,amount_to,currency\n"
        expectBadInput(.ratingRules, header + "Customer,8,0,10,EUR", #"rating-rules.csv line 2, field rating: "8" is not a rating from 1 to 7"#)
        expectBadInput(.ratingRules, header + "Customer,1,0,10.5,EUR", #"rating-rules.csv line 2, field amount_to: "10.5" is not a whole number"#)
        expectBadInput(.ratingRules, header + "Customer,1,20,10,EUR", "rating-rules.csv line 2, field amount_to: 10 is below amount_from 20")
        expectBadInput(.ratingRules, header + "Customer,1,0,10,EUR\nCustomer,2,11,20,CHF",
                       "rating-rules.csv line 3, field currency: CHF differs from EUR on line 2 for account type Customer")
    }

    @Test func exchangeRatesAreUpsertedByPairAndDay() throws {
        let header = "from_currency,to_currency,rate,valid_from\n"
        #expect(try w.load(.exchangeRates, header + "USD,EUR,0.9,2026-01-01\nUSD,EUR,0.8,2026-02-01") == ImportSummary(inserted: 2))
        #expect(try w.load(.exchangeRates, header + "USD,EUR,0.90,2026-01-01\nUSD,EUR,0.85,2026-02-01") == ImportSummary(updated: 1, unchanged: 1))
        expectBadInput(.exchangeRates, header + "USD,EUR,0,2026-01-01", #"exchange-rates.csv line 2, field rate: "0" is not a positive rate"#)
        expectBadInput(.exchangeRates, header + "USD,EUR,1,2026-02-30", #"exchange-rates.csv line 2, field valid_from: "2026-02-30" is not an ISO 8601 date (YYYY-MM-DD)"#)
    }

    @Test func theFixturesImport() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Fixtures/csv/rating")
        let importer = ReferenceImporter(database: w.database)
        for kind in [ImportKind.accounts, .contracts, .ratingRules, .exchangeRates] {
            _ = try importer.importFile(kind, path: dir.appendingPathComponent("\(kind.rawValue).csv").path)
        }
        #expect(try w.database.exportAccounts().first { $0.record.id.rawValue == "A3" }?.record.name == "Deep \"Sub\"\nline two")
        #expect(throws: ImportRejected.self) {
            try importer.importFile(.contracts, path: dir.appendingPathComponent("bad-contracts.csv").path)
        }
    }
}
