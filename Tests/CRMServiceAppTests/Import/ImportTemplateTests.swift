import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing
import TestSupport

/// `crmservice import template KIND` (§1, §3): the header row and one example row that imports cleanly into an empty
/// database — the templates of contacts, orders and contracts after the accounts template, whose account they name.
@Suite("§3 Import templates") struct ImportTemplateTests {
    @Test("§3 every template imports into one empty database, each after its parents (templateOrder)")
    func everyTemplateImportsInTemplateOrder() throws {
        let w = try RatingWorld()
        #expect(Set(ImportKind.templateOrder) == Set(ImportKind.allCases))
        var imported: Set<ImportKind> = []
        for kind in ImportKind.templateOrder {
            #expect(Set(kind.parents).isSubset(of: imported), "\(kind) comes before its parents")
            let summary = try w.load(kind, ImportTemplate(kind).text)
            #expect(summary == ImportSummary(inserted: 1), "\(kind)")
            imported.insert(kind)
        }
        #expect(try w.database.exportContracts().map(\.accountID) == [AccountID("ACME")])
        #expect(try w.database.exportContacts().count == 1)
        #expect(try w.database.allRules().count == 1)
        // §9: the appointments example links the contacts template's contact and its account.
        let appointment = try #require(try w.database.appointments(ownedBy: nil).first)
        #expect(appointment.contacts == [ContactID("C-1")] && appointment.accounts == [AccountID("ACME")])
    }

    @Test("§3 a template of a kind without parents imports alone into an empty database", arguments: ImportKind.allCases)
    func aTemplateImportsAloneExactlyWhenItHasNoParents(kind: ImportKind) throws {
        let w = try RatingWorld()
        if kind.parents.isEmpty {
            #expect(try w.load(kind, ImportTemplate(kind).text) == ImportSummary(inserted: 1))
        } else {
            // Documented: these examples name the accounts template's account (appointments: the users template's
            // user), so alone they are rejected for it.
            let field = kind == .appointments ? "owner" : "account_id"
            do {
                try w.load(kind, ImportTemplate(kind).text)
                Issue.record("\(kind)'s template imported without its parent")
            } catch let error as ImportRejected {
                #expect(error.problems.map(\.field) == [field])
                #expect(ImportTemplate(kind).note?.contains("\(kind.parents[0].rawValue) template") == true)
            }
        }
    }

    @Test("§3 a template is the kind's header row and one example row, no more")
    func aTemplateIsHeaderAndOneRow() throws {
        for kind in ImportKind.allCases {
            let table = try CSVTable(Array(ImportTemplate(kind).text.utf8), file: "t.csv", columns: kind.columns)
            #expect(table.rows.count == 1 && table.problems.isEmpty, "\(kind)")
            #expect(ImportTemplate(kind).text.hasPrefix(kind.columns.joined(separator: ",") + "\n"))
        }
    }
}
