import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// §8 the review queue's ranked candidates and "by person" over a real SQLite file: the facts the store gives
/// (earlier assignments, threads, display names, rejections) reach the ranking.
@Suite("§8 review candidates over the store")
struct ReviewCandidateServiceTests {
    let w: CandidateWorld
    init() throws { w = try CandidateWorld() }

    @Test("§8 an earlier assignment of the same address ranks that contact first for the address's next entry")
    func earlierAssignment() throws {
        try w.mail(from: "x@elsewhere.example", subject: "first")
        try w.mail(from: "x@elsewhere.example", subject: "second")
        let entries = try w.openEntries(from: "x@elsewhere.example")
        try #require(entries.count == 2)
        #expect(try w.service.candidates(forEntry: entries[1], limit: 5).isEmpty)
        try ReviewService(database: w.database).assign(entries[0], contact: ContactID("c5"), actor: "tester")
        let first = try #require(try w.service.candidates(forEntry: entries[1], limit: 5).first)
        #expect(first.contact == ContactID("c5"))
        #expect(first.reasons == [.earlierAssignment(count: 1)])
        #expect(first.contactName == "Ian Initech" && first.accountName == "Initech")
    }

    @Test("§8 a participant of the same thread ranks first, whether the entry answers the activity or is answered by it")
    func sameThread() throws {
        try w.mail(from: "Greg Globex <greg@globex.example>", id: "root@globex.example")
        try w.mail(from: "stranger@acme.example", id: "reply@acme.example", inReplyTo: "root@globex.example")
        let reply = try #require(try w.openEntries(from: "stranger@acme.example").first)
        let ranked = try w.service.candidates(forEntry: reply, limit: 5)
        #expect(ranked.first?.contact == ContactID("c3"))
        #expect(ranked.first?.reasons == [.sameThread])

        try w.mail(from: "other@elsewhere.example", id: "question@elsewhere.example")
        try w.mail(from: "gina@globex.example", to: "anna@company.example, other@elsewhere.example",
                   inReplyTo: "question@elsewhere.example")
        let question = try #require(try w.openEntries(from: "other@elsewhere.example").first)
        #expect(try w.service.candidates(forEntry: question, limit: 5).map(\.contact) == [ContactID("c4")])
    }

    @Test("§8 the display name read from the message suggests the contact of that name")
    func displayName() throws {
        try w.mail(from: "\"Acme, Carl\" <carl.private@elsewhere.example>")
        let entry = try #require(try w.openEntries(from: "carl.private@elsewhere.example").first)
        let ranked = try w.service.candidates(forEntry: entry, limit: 5)
        #expect(ranked.map(\.contact) == [ContactID("c2")])
        #expect(ranked.first?.reasons == [.sameDisplayName])
    }

    @Test("§8 a user's mail to someone unknown is about that recipient: the domain of the recipient counts")
    func outgoingPerson() throws {
        try w.mail(from: "anna@company.example", to: "new@globex.example")
        let entry = try #require(try w.openEntries(from: "anna@company.example").first)
        #expect(try w.service.candidates(forEntry: entry, limit: 5).map(\.contact) == [ContactID("c3"), ContactID("c4")])
    }

    @Test("§8 a rejected suggestion is not suggested again for that address, but still for another, and is audited")
    func rejection() throws {
        try w.mail(from: "Gina Globex <gina@home.example>")
        try w.mail(from: "Gina Globex <gina@other.example>")
        let home = try #require(try w.openEntries(from: "gina@home.example").first)
        let other = try #require(try w.openEntries(from: "gina@other.example").first)
        #expect(try w.service.candidates(forEntry: home, limit: 5).first?.contact == ContactID("c4"))
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try w.service.rejectSuggestion(address: EmailAddress("GINA@home.example")!, contact: ContactID("c4"),
                                       actor: "ann", at: at)
        #expect(try w.service.candidates(forEntry: home, limit: 5).isEmpty)
        #expect(try w.service.candidates(forEntry: other, limit: 5).first?.contact == ContactID("c4"))
        #expect(try w.service.unknownPeople(offset: 0, limit: 10).first { $0.address.value == "gina@home.example" }?
            .bestCandidate == nil)
        let audit = try #require(try w.database.auditLog().last)
        #expect(audit.at == at && audit.actor == "ann" && audit.origin == .cli && audit.action == "reject-suggestion")
        #expect(audit.target == "address gina@home.example" && audit.detail == "contact c4")
        #expect(throws: NoSuchContact.self) {
            try w.service.rejectSuggestion(address: EmailAddress("a@b.example")!, contact: ContactID("c99"),
                                           actor: "ann", at: at)
        }
    }

    @Test("§8 by person: one row per address with its count, newest subject and date, most entries first, paged")
    func unknownPeople() throws {
        try w.mail(from: "a@elsewhere.example", subject: "old", date: "1 Oct 2026 10:00:00 +0000")
        try w.mail(from: "Ann Other <a@elsewhere.example>", subject: "newest", date: "3 Oct 2026 10:00:00 +0000")
        try w.mail(from: "a@elsewhere.example", subject: "middle", date: "2 Oct 2026 10:00:00 +0000")
        try w.mail(from: "b@globex.example", subject: "only one", date: "5 Oct 2026 10:00:00 +0000")
        try w.mail(from: "c@elsewhere.example", subject: "dismissed")
        try ReviewService(database: w.database).dismiss(try w.openEntries(from: "c@elsewhere.example")[0], why: "spam",
                                                        actor: "tester")
        let people = try w.service.unknownPeople(offset: 0, limit: 10)
        #expect(people.map(\.address.value) == ["a@elsewhere.example", "b@globex.example"])
        #expect(people.map(\.openEntries) == [3, 1])
        #expect(people[0].newestSubject == "newest" && people[0].displayName == "Ann Other")
        #expect(people[0].newestDate == ISO8601DateFormatter().date(from: "2026-10-03T10:00:00Z"))
        #expect(people[0].bestCandidate == nil)
        #expect(people[1].bestCandidate?.contact == ContactID("c3"))
        #expect(people[1].bestCandidate?.reasons == [.accountSharesDomain(domain: "globex.example")])
        #expect(try w.service.unknownPeople(offset: 1, limit: 1).map(\.address.value) == ["b@globex.example"])
        #expect(try w.service.unknownPeople(offset: 2, limit: 10).isEmpty)
    }

    @Test("§8 one service keeps its indexed address book only until the address book changes: a contact imported or renamed later counts at once")
    func addressBookChanges() throws {
        try w.mail(from: "Nora New <nora@elsewhere.example>")
        let entry = try #require(try w.openEntries(from: "nora@elsewhere.example").first)
        let service = w.service
        #expect(try service.candidates(forEntry: entry, limit: 5).isEmpty)
        let importer = ReferenceImporter(database: w.database)
        _ = try importer.importBytes(.contacts, Array("id,account_id,name,email\nc9,A3,Nora New,nora@initech.example\n".utf8),
                                     file: "contacts.csv")
        #expect(try service.candidates(forEntry: entry, limit: 5).map(\.contact) == [ContactID("c9")])
        _ = try importer.importBytes(.contacts, Array("id,account_id,name,email\nc9,A3,Nora Old,nora@initech.example\nc2,A1,Nora New,carl@acme.example\n".utf8),
                                     file: "contacts.csv")
        #expect(try service.candidates(forEntry: entry, limit: 5).map(\.contact) == [ContactID("c2")])
    }

    @Test("§8 an entry that does not exist has no candidates")
    func missingEntry() throws {
        #expect(try w.service.candidates(forEntry: 4711, limit: 5).isEmpty)
    }
}
