import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The console's imports port over the CLI's importer (§8 Imports, §3), on a real SQLite database.
@Suite("§8 Console imports") struct ConsoleImportsTests {
    let w: RatingWorld
    let imports: ConsoleImports
    let audit: AppDatabase
    init() throws {
        w = try RatingWorld()
        audit = w.database
        imports = ConsoleImports(database: w.database, audit: audit)
    }

    static let badContacts = "id,account_id,name,email\nc1,ACME,A,a@acme.example\nc2,NOPE,B,b@acme.example\nc3,ACME,C,not-an-address\n"

    @Test("§3 a file with bad rows: every row with line and field, nothing written, the attempt audited")
    func badRowsAreListedAndNothingIsWritten() throws {
        try w.load(.accounts, ImportTemplate(.accounts).text)
        let check = try imports.check(kind: "contacts", csv: Array(Self.badContacts.utf8))
        #expect(check.problems.map(\.line) == [3, 4])
        #expect(check.problems.map(\.field) == ["account_id", "email"])
        #expect(check.written == nil && check.goodRows == 1)
        let report = try imports.importCSV(kind: "contacts", csv: Array(Self.badContacts.utf8), actor: "anna", at: w.now)
        #expect(report.problems == check.problems && report.written == nil)
        #expect(try w.database.exportContacts().isEmpty)
        let entry = try #require(try audit.auditEntries().last)
        #expect(entry.actor == "anna" && entry.action == "import" && entry.detail.hasPrefix("rejected: 2 problems"))
    }

    @Test("§8 an import is audited with the actor and its counts")
    func anImportIsAuditedWithCounts() throws {
        let csv = Array(ImportTemplate(.accounts).text.utf8)
        let report = try imports.importCSV(kind: "accounts", csv: csv, actor: "anna", at: w.now)
        #expect(report.written == ImportCounts(inserted: 1, updated: 0, unchanged: 0) && report.problems.isEmpty)
        #expect(try w.database.exportAccounts().map(\.record.id) == [AccountID("ACME")])
        let entry = try #require(try audit.auditEntries().last)
        #expect(entry.actor == "anna" && entry.origin == .console && entry.target == "import accounts")
        #expect(entry.detail == "1 rows: 1 inserted, 0 updated, 0 unchanged")
    }

    @Test("§1 the console's templates are the CLI's, appointments (§9) included; an unknown kind is refused")
    func templatesAndKinds() throws {
        #expect(imports.importKinds().map(\.name) == ImportKind.templateOrder.map(\.rawValue))
        #expect(imports.template(ofKind: "contacts") == ImportTemplate(.contacts).text)
        #expect(imports.template(ofKind: "appointments") == ImportTemplate(.appointments).text)
        #expect(imports.template(ofKind: "calendars") == nil)
        #expect(throws: UnknownImportKind(kind: "calendars")) {
            try imports.check(kind: "calendars", csv: [])
        }
    }
}
