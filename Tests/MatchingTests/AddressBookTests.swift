import CRMCore
import Testing
@testable import Matching

@Suite("Address book snapshot")
struct AddressBookTests {
    typealias F = Fixture

    @Test("§3 entries with the same id replace earlier ones, and lookups follow the last")
    func upsert() {
        let book = AddressBook(contacts: [
            .init(id: F.carl, account: F.acme, addresses: [F.address("old@acme.example")]),
            .init(id: F.carl, account: F.acmeDE, addresses: [F.address("carl@acme.example")]),
        ])
        #expect(book.contacts(for: F.address("old@acme.example")).isEmpty)
        #expect(book.contacts(for: F.address("Carl@ACME.example")) == [F.carl])
        #expect(book.account(of: F.carl) == F.acmeDE)
    }

    @Test("§2 lookups by address return every owner, sorted")
    func lookups() {
        #expect(F.book.contacts(for: F.address("info@shared.example")) == [F.infoAcme, F.infoGlobex])
        #expect(F.book.users(for: F.address("a.berg@company.example")) == [F.anna])
        #expect(F.book.users(for: F.address("carl@acme.example")).isEmpty)
    }

    @Test("§4 an account's family is itself, its parents and its subsidiaries at any depth, not its siblings")
    func family() {
        #expect(F.book.family(of: F.acmeDE) == [F.acmeDE, F.acme, F.acmeBerlin])
        #expect(F.book.family(of: F.acme) == [F.acme, F.acmeDE, F.acmeBerlin, F.acmeFR])
        #expect(F.book.family(of: F.globex) == [F.globex])
    }
}
