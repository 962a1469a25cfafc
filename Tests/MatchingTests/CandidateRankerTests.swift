import CRMCore
import Testing
@testable import Matching

/// §8 `GET /review/ID`: the ranked candidate contacts of an unknown address, as a pure function.
@Suite("§8 candidate ranking")
struct CandidateRankerTests {
    static let acme = AccountID("A1"), globex = AccountID("A2"), initech = AccountID("A3"), contractors = AccountID("A4")
    static let cathy = ContactID("c1"), carl = ContactID("c2"), greg = ContactID("c3"), gina = ContactID("c4")
    static let ian = ContactID("c5"), ivy = ContactID("c6"), pat = ContactID("c7")

    static func card(_ id: ContactID, _ name: String, _ account: AccountID, _ addresses: String...) -> ContactCard {
        ContactCard(id: id, name: name, account: account, accountName: account.rawValue,
                    addresses: addresses.compactMap(EmailAddress.init))
    }

    /// Acme and Globex have their own domains; Initech's Ian writes from gmail.com and Ivy has no address yet; Pat
    /// (a contractor) has an address at the company's own domain.
    static let directory = CandidateDirectory(contacts: [
        card(cathy, "Cathy Acme", acme, "cathy@acme.example"),
        card(carl, "Carl Acme", acme, "carl@acme.example"),
        card(greg, "Greg Globex", globex, "greg@globex.example"),
        card(gina, "Gina Globex", globex, "gina@globex.example"),
        card(ian, "Ian Initech", initech, "ian@gmail.com"),
        card(ivy, "Ivy Initech", initech),
        card(pat, "Pat Contractor", contractors, "pat@company.example"),
    ], userAddresses: [EmailAddress("anna@company.example")!])

    static func facts(_ address: String, name: String? = nil, earlier: [ContactID: Int] = [:],
                      thread: Set<ContactID> = [], rejected: Set<ContactID> = []) -> CandidateFacts {
        CandidateFacts(address: EmailAddress(address)!, displayName: name, earlierAssignments: earlier,
                       threadContacts: thread, rejected: rejected)
    }

    static func rank(_ facts: CandidateFacts, limit: Int = 10) -> [CandidateContact] {
        CandidateRanker.rank(facts, in: directory, limit: limit)
    }

    @Test("§8 an earlier assignment of the same address ranks its contact first, above the domain's contacts")
    func earlierAssignment() throws {
        let ranked = Self.rank(Self.facts("new@acme.example", earlier: [Self.gina: 3]))
        let first = try #require(ranked.first)
        #expect(first.contact == Self.gina)
        #expect(first.reasons == [.earlierAssignment(count: 3)])
        #expect(first.contactName == "Gina Globex" && first.account == Self.globex)
        #expect(ranked.dropFirst().map(\.contact) == [Self.carl, Self.cathy].sorted())
    }

    @Test("§8 a contact with the same display name ranks first: case, blanks and \"Last, First\" do not matter",
          arguments: ["Gina Globex", "  gina   GLOBEX ", "Globex, Gina", "\"Globex, Gina\""])
    func sameDisplayName(name: String) throws {
        let ranked = Self.rank(Self.facts("someone@acme.example", name: name))
        #expect(ranked.first?.contact == Self.gina)
        #expect(ranked.first?.reasons == [.sameDisplayName])
    }

    @Test("§8 a display name that is an address or another name suggests nobody by name")
    func otherDisplayNames() {
        for name in ["gina@globex.example", "Gina", "Gina Globex-Smith", ""] {
            #expect(!Self.rank(Self.facts("x@elsewhere.example", name: name)).contains { $0.reasons.contains(.sameDisplayName) },
                    "\(name)")
        }
    }

    @Test("§8 a participant of the same thread ranks first")
    func sameThread() throws {
        let ranked = Self.rank(Self.facts("someone@acme.example", thread: [Self.greg]))
        #expect(ranked.first?.contact == Self.greg)
        #expect(ranked.first?.reasons == [.sameThread])
    }

    @Test("§8 a contact of an account whose contacts share the sender's domain is suggested; one without an address there first")
    func sharedDomain() throws {
        let globex = Self.rank(Self.facts("new@globex.example"))
        #expect(globex.map(\.contact) == [Self.greg, Self.gina])
        #expect(globex.allSatisfy { $0.reasons == [.accountSharesDomain(domain: "globex.example")] })
        let initech = CandidateDirectory(contacts: [
            Self.card(Self.ian, "Ian Initech", Self.initech, "ian@initech.example"),
            Self.card(Self.ivy, "Ivy Initech", Self.initech),
        ], userAddresses: [])
        let ranked = CandidateRanker.rank(Self.facts("new@initech.example"), in: initech)
        #expect(ranked.map(\.contact) == [Self.ivy, Self.ian])
        #expect(ranked[0].score > ranked[1].score)
    }

    @Test("§8 public mail domains and the company's own domains give no domain signal",
          arguments: ["stranger@gmail.com", "stranger@yahoo.co.uk", "stranger@gmx.net", "stranger@hotmail.de",
                      "stranger@web.de", "stranger@outlook.com", "stranger@icloud.com", "newbie@company.example"])
    func noDomainSignal(address: String) {
        let directory = CandidateDirectory(contacts: Self.directory.cards.values.map { card in
            var card = card
            // Every contact gets an address in the domain under test, so only the rule can keep them out.
            card.addresses.append(EmailAddress("\(card.id.rawValue)@\(EmailAddress(address)!.domain)")!)
            return card
        }, userAddresses: [EmailAddress("anna@company.example")!])
        #expect(CandidateRanker.rank(Self.facts(address), in: directory).isEmpty)
        #expect(PublicMailDomains.contains("gmail.com") && !PublicMailDomains.contains("acme.example"))
    }

    @Test("§8 several reasons add up and are all reported, strongest first")
    func reasonsAddUp() throws {
        let ranked = Self.rank(Self.facts("gina.private@globex.example", name: "Gina Globex", earlier: [Self.gina: 1],
                                          thread: [Self.gina, Self.greg]))
        let first = try #require(ranked.first)
        #expect(first.contact == Self.gina)
        #expect(first.reasons == [.earlierAssignment(count: 1), .sameDisplayName, .sameThread,
                                  .accountSharesDomain(domain: "globex.example")])
        #expect(ranked[1].contact == Self.greg && ranked[1].reasons == [.sameThread, .accountSharesDomain(domain: "globex.example")])
        #expect(first.score > ranked[1].score)
        #expect(first.explanation.contains("assigned") && first.explanation.contains("globex.example"))
    }

    @Test("§8 a rejected suggestion is never returned for that address")
    func rejected() {
        let ranked = Self.rank(Self.facts("gina.private@globex.example", name: "Gina Globex", earlier: [Self.gina: 2],
                                          rejected: [Self.gina]))
        #expect(!ranked.contains { $0.contact == Self.gina })
        #expect(ranked.map(\.contact) == [Self.greg])
    }

    @Test("§8 ties are broken by contact id; the limit keeps the best")
    func ties() {
        let thread: Set = [Self.ivy, Self.cathy, Self.pat, Self.greg]
        #expect(Self.rank(Self.facts("x@elsewhere.example", thread: thread)).map(\.contact) == thread.sorted())
        #expect(Self.rank(Self.facts("x@elsewhere.example", thread: thread), limit: 2).map(\.contact) == [Self.cathy, Self.greg])
        #expect(Self.rank(Self.facts("x@elsewhere.example", thread: thread), limit: 0).isEmpty)
    }

    @Test("§2 a user's address is nobody unknown: no candidates")
    func userAddress() {
        #expect(Self.rank(Self.facts("anna@company.example", name: "Gina Globex", earlier: [Self.gina: 1])).isEmpty)
    }
}
