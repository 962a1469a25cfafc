import CRMCore
import MailMIME
import Testing
@testable import Matching

@Suite("§2 Addresses and people")
struct AddressRuleTests {
    typealias F = Fixture

    @Test("§2 an address is compared case-insensitively after trimming")
    func caseAndBlanks() throws {
        let decision = F.decide(F.mail(from: ["  Carl@ACME.example\t"], to: [" ANNA@Company.Example "]))
        let activity = try decision.requireActivity()
        #expect(activity.direction == .incoming)
        #expect(activity.contacts == [F.carl])
        #expect(activity.users == [F.anna])
    }

    @Test("§2 display names never count")
    func displayNamesIgnored() throws {
        var message = F.mail(from: ["stranger@elsewhere.example"], to: ["anna@company.example"])
        message.from = [MailAddress(name: "carl@acme.example", address: "stranger@elsewhere.example")]
        #expect(F.decide(message).outcome == .unmatched(.unknownSender))

        message.from = [MailAddress(name: "Somebody Else", address: "carl@acme.example")]
        message.to = [MailAddress(name: "bob@company.example", address: "anna@company.example")]
        let activity = try F.decide(message).requireActivity()
        #expect(activity.contacts == [F.carl])
        #expect(activity.users == [F.anna])
    }

    @Test("§2 any of a user's addresses is that user's address")
    func everyUserAddress() throws {
        let activity = try F.decide(F.mail(from: ["a.berg@company.example"], to: ["carl@acme.example"])).requireActivity()
        #expect(activity.direction == .outgoing)
        #expect(activity.users == [F.anna])
    }

    @Test("§2 an address shared by several contacts stands for all of them, on every account")
    func sharedContactAddress() throws {
        let decision = F.decide(F.mail(from: ["info@shared.example"], to: ["bob@company.example"]))
        let activity = try decision.requireActivity()
        #expect(activity.direction == .incoming)
        #expect(activity.contacts == [F.infoAcme, F.infoGlobex])
        #expect(activity.accounts == [F.acme, F.globex])
    }

    @Test("§2 a user address wins over a contact address")
    func userWins() throws {
        // bob@company.example is bob's user address and also a contact's: as sender it is the user → outgoing.
        let decision = F.decide(F.mail(from: ["bob@company.example"], to: ["carl@acme.example"]))
        let activity = try decision.requireActivity()
        #expect(activity.direction == .outgoing)
        #expect(activity.users == [F.bob])
        #expect(!activity.contacts.contains(F.bobAsContact))
        #expect(!activity.accounts.contains(F.globex))
        #expect(decision.audit.entries.contains(
            .participant(F.address("bob@company.example"), role: .sender, field: .from,
                         .users([F.bob], shadowedContacts: [F.bobAsContact]))
        ))
    }

    @Test("§2 a user address among the recipients is a user, not a contact")
    func userWinsAsRecipient() {
        // carl writes only to bob's (shared) address: bob is a user recipient, so the mail is incoming and captured.
        let decision = F.decide(F.mail(from: ["carl@acme.example"], to: ["bob@company.example"]))
        #expect(decision.activity?.users == [F.bob])
        #expect(decision.activity?.contacts == [F.carl])
    }
}
