import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The validation pass (§3 "a bad row rejects the whole file with its line number"): every bad row is listed with its
/// line and field before anything is written, with the same row decoding the import uses.
@Suite("§3 Import validation pass") struct ImportValidationTests {
    let w: RatingWorld
    init() throws {
        w = try RatingWorld()
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "")]))
    }

    static let badContracts = """
        id,account_id,item_value,service_value,currency,modified_at
        C1,A,1,2,EUR,2026-01-01
        C2,A,"12,5",0,EUR,2026-01-01
        C3,NOPE,1,0,EUR,2026-01-01
        C4,A,1,0
        C1,A,1,0,EUR,2026-01-01
        C5,A,1,0,euro,2026-01-01
        C6,A,1,0,EUR,yesterday
        C7,A,3,0,EUR,2026-01-01
        """

    static let expected: [(line: Int, field: String?)] = [
        (3, "item_value"), (4, "account_id"), (5, nil), (6, "id"), (7, "currency"), (8, "modified_at"),
    ]

    @Test("§3 the validation pass lists every bad row with its line and field and writes nothing")
    func theValidationPassListsEveryBadRow() throws {
        let check = try ReferenceImporter(database: w.database).check(.contracts, Array(Self.badContracts.utf8),
                                                                      file: "contracts.csv")
        #expect(check.problems.map(\.line) == Self.expected.map(\.line))
        #expect(check.problems.map(\.field) == Self.expected.map(\.field))
        #expect(check.goodRows == 2)
        #expect(check.problems.first?.description
                == #"contracts.csv line 3, field item_value: "12,5" is not a decimal (digits with an optional '.' and at most 12 decimals)"#)
        #expect(try w.database.exportContracts().isEmpty)
    }

    @Test("§3 the import rejects the file with the same list, and nothing of it is written")
    func theImportRejectsWithEveryProblem() throws {
        do {
            try w.load(.contracts, Self.badContracts)
            Issue.record("a file with bad rows was imported")
        } catch let error as ImportRejected {
            #expect(error.problems.map(\.line) == Self.expected.map(\.line))
            #expect(error.description.split(separator: "\n").count == Self.expected.count)
        }
        #expect(try w.database.exportContracts().isEmpty)
    }

    @Test("§3 a clean file passes the validation pass and then imports")
    func aCleanFilePasses() throws {
        let csv = contractsCSV([("C1", "A", "1", "0", "EUR"), ("C2", "A", "2", "0", "EUR")])
        let check = try ReferenceImporter(database: w.database).check(.contracts, Array(csv.utf8), file: "contracts.csv")
        #expect(check.isClean && check.goodRows == 2)
        #expect(try w.database.exportContracts().isEmpty)
        #expect(try w.load(.contracts, csv) == ImportSummary(inserted: 2))
    }

    @Test("§3 a broken header is one problem of the file")
    func aBrokenHeaderIsOneProblem() throws {
        let check = try ReferenceImporter(database: w.database).check(.users, Array("id,name\nu1,U\n".utf8), file: "users.csv")
        #expect(check.problems == [CSVError(file: "users.csv", line: 1, field: "email", message: "missing column")])
    }
}
