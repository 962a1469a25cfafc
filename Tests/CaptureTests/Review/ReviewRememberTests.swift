import CRMCore
import CRMServiceApp
import Foundation
import GRDB
import Testing
@testable import Capture
@testable import Store

/// "Remember" and "add the contact" (§8): what people teach the queue lives in the database, survives a re-import of
/// `contacts.csv`, counts for capture at once, and reprocesses the open entries that name the address.
@Suite("§8 review queue: remember and add the contact")
struct ReviewRememberTests {
    let w: ReviewWorld
    init() throws { w = try ReviewWorld() }

    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let pat = EmailAddress("pat@newco.example")!

    func seed() throws {
        try w.capture([
            ReviewWorld.mail("p1@x", from: "Pat <pat@newco.example>", subject: "one"),
            ReviewWorld.mail("p2@x", from: "PAT@NEWCO.EXAMPLE", subject: "two"),
            // Outgoing from a user to pat only: no_contact_recipient until pat is known.
            ReviewWorld.mail("p3@x", from: "bob@example.com", to: "Pat <pat@newco.example>", subject: "three"),
            ReviewWorld.mail("o1@x", from: "other@newco.example", subject: "other"),
        ])
    }

    @Test("§8 remember address as contact C: the open entries naming it become activities, and the count says so")
    func rememberContact() throws {
        try seed()
        let summary = try w.queue.remember(pat, as: .contact(ContactID("c7")), actor: "ann", at: now)
        #expect(summary.activities == 3 && summary.stillOpen == 0)
        #expect(try Set(w.openEntries().keys) == ["o1@x"])
        let activities = try w.db.objects(.activities)
        #expect(activities.count == 3 && activities.allSatisfy { ($0["contacts"] as? [String])?.contains("c7") == true })
        let log = try w.audit()
        #expect(log.first == "ann remember address pat@newco.example")
        #expect(log.filter { $0.hasPrefix("ann reprocess unmatched") }.count == 3)
        // New mail from the address is captured as the contact's at once.
        #expect(try w.capture([ReviewWorld.mail("p4@x", from: "pat@newco.example", subject: "four")]) == [.activity])
    }

    @Test("§8 a remembered address survives a re-import of contacts.csv; export shows it and importing the export changes nothing")
    func survivesReimport() throws {
        try w.queue.remember(pat, as: .contact(ContactID("c7")), actor: "ann", at: now)
        _ = try ReferenceImporter(database: w.database).importFile(.contacts, path: Fixture.capture + "/contacts.csv")
        #expect(try w.database.addressBook(policy: CapturePolicy()).contacts(for: pat) == [ContactID("c7")])
        let exported = try w.db.export(.contacts, format: .csv)
        #expect(exported.contains("ivy@initech.example.org;pat@newco.example"))
        let path = try w.db.file("export.csv", exported)
        let summary = try ReferenceImporter(database: w.database).importFile(.contacts, path: path)
        #expect(summary.inserted == 0 && summary.updated == 0)
        #expect(try w.db.export(.contacts, format: .csv) == exported)
    }

    @Test("§4.9 §8 remember 'never capture': open entries naming it are excluded, later mail is ignored excluded")
    func neverCapture() throws {
        try seed()
        let summary = try w.queue.remember(pat, as: .neverCapture, actor: "ann", at: now)
        #expect(summary.activities == 0 && summary.ignored == 3)
        #expect(try Set(w.openEntries().keys) == ["o1@x"])
        #expect(try w.capture([ReviewWorld.mail("p5@x", from: "pat@newco.example", subject: "five")])
                == [.ignored(.excluded)])
        // The configuration's list still applies beside the database's.
        let configured = CapturePolicy(neverCaptureDomains: ["globex.example.org"])
        let book = try w.database.addressBook(policy: configured)
        #expect(book.policy.exclusion(of: pat) == .address)
        #expect(book.policy.exclusion(of: EmailAddress("greg@globex.example.org")!) == .domain("globex.example.org"))
    }

    @Test("§2 §8 a user's address cannot be remembered as a contact's; an unknown contact refuses; nothing changes")
    func rememberRefused() throws {
        #expect(throws: ReviewRefusal(.userAddress, "alice@example.com")) {
            try w.queue.remember(EmailAddress("alice@example.com")!, as: .contact(ContactID("c7")), actor: "ann", at: now)
        }
        #expect(throws: ReviewRefusal(.unknownContact, "zz")) {
            try w.queue.remember(pat, as: .contact(ContactID("zz")), actor: "ann", at: now)
        }
        #expect(try w.audit().isEmpty)
        #expect(try w.database.addressBook(policy: CapturePolicy()).contacts(for: pat).isEmpty)
    }

    @Test("§8 add the contact: a new contact on the account with the address; its open entries become activities")
    func addContact() throws {
        try seed()
        let choices = try w.queue.accountChoices(for: .unmatched(try #require(try w.openEntries()["p1@x"])), limit: 10)
        #expect(choices.count == 4 && choices.allSatisfy { !$0.sharesDomain })
        let summary = try w.queue.addContact(NewContact(account: AccountID("A3"), name: "Pat Newco", address: pat),
                                             actor: "ann", at: now)
        #expect(summary.activities == 3)
        let contact = try #require(try w.database.exportContacts().first { $0.id == ContactID("console-1") })
        #expect(contact.accountID == AccountID("A3") && contact.name == "Pat Newco" && contact.addresses == [pat])
        #expect(try w.audit().first == "ann add-contact contact console-1")
        let other = try #require(try w.openEntries()["o1@x"])
        #expect(try w.queue.accountChoices(for: .unmatched(other), limit: 10).first
                == ReviewAccountChoice(account: AccountID("A3"), name: "Globex", sharesDomain: true))
        #expect(throws: ReviewRefusal(.unknownAccount, "A9")) {
            try w.queue.addContact(NewContact(account: AccountID("A9"), name: "X", address: pat), actor: "ann", at: now)
        }
    }
}
