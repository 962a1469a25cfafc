import CRMCore
import MailMIME
import Testing
@testable import Matching

@Suite("§4.7 Orders")
struct OrderRuleTests {
    typealias F = Fixture

    static func member(_ message: ParsedMessage) throws -> ThreadMember {
        ThreadMember(identity: F.identity(message), activity: try F.decide(message).requireActivity())
    }

    @Test("§4.7 a known order number is linked")
    func knownOrderLinked() throws {
        let activity = try F.decide(F.mail(from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])).requireActivity()
        #expect(activity.orders == [OrderNumber(100)])
        #expect(activity.ownOrders == [OrderNumber(100)])
        #expect(activity.unresolvedOrders.isEmpty)
        #expect(activity.flags.isEmpty)
    }

    @Test("§4.7 a number with no such order is kept as an unresolved reference")
    func unknownOrderUnresolved() throws {
        let activity = try F.decide(F.mail(from: ["carl@acme.example"], to: ["anna@company.example"], orders: [999, 100, 999])).requireActivity()
        #expect(activity.orders == [OrderNumber(100)])
        #expect(activity.unresolvedOrders == [OrderNumber(999)])
    }

    @Test("§4.7 a reply without order references links the orders of the message it answers")
    func replyInherits() throws {
        let parent = F.mail(id: "p@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100, 300])
        let reply = F.mail(id: "r@test", from: ["anna@company.example"], to: ["carl@acme.example"], inReplyTo: ["p@test"])
        let decision = F.decide(reply, thread: ThreadFacts([try Self.member(parent)]))
        let activity = try decision.requireActivity()
        #expect(activity.orders == [OrderNumber(100), OrderNumber(300)])
        #expect(activity.ownOrders.isEmpty)
        #expect(activity.inheritedFrom == .messageID("p@test"))
        #expect(activity.threadParents == [.messageID("p@test")])
        #expect(decision.threadUpdates.isEmpty)
    }

    @Test("§4.7 References also name the message answered")
    func referencesCount() throws {
        let parent = F.mail(id: "p@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let reply = F.mail(id: "r@test", from: ["anna@company.example"], to: ["carl@acme.example"], references: ["root@test", "p@test"])
        #expect(try F.decide(reply, thread: ThreadFacts([try Self.member(parent)])).requireActivity().orders == [OrderNumber(100)])
    }

    @Test("§4.7 a reply with its own order reference does not inherit, even an unresolved one")
    func ownReferenceWins() throws {
        let parent = F.mail(id: "p@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let thread = ThreadFacts([try Self.member(parent)])
        let own = F.mail(id: "r1@test", from: ["anna@company.example"], to: ["carl@acme.example"], orders: [300], inReplyTo: ["p@test"])
        #expect(try F.decide(own, thread: thread).requireActivity().orders == [OrderNumber(300)])
        let unresolved = F.mail(id: "r2@test", from: ["anna@company.example"], to: ["carl@acme.example"], orders: [999], inReplyTo: ["p@test"])
        let activity = try F.decide(unresolved, thread: thread).requireActivity()
        #expect(activity.orders.isEmpty)
        #expect(activity.unresolvedOrders == [OrderNumber(999)])
    }

    @Test("§4.7 a reply captured before its parent still inherits the parent's orders")
    func replyBeforeParent() throws {
        let reply = F.mail(id: "r@test", from: ["anna@company.example"], to: ["carl@acme.example"], inReplyTo: ["p@test"])
        let replyMember = try Self.member(reply)
        #expect(replyMember.orders.isEmpty)
        let parent = F.mail(id: "p@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let decision = F.decide(parent, thread: ThreadFacts([replyMember]))
        #expect(decision.activity?.orders == [OrderNumber(100)])
        #expect(decision.threadUpdates == [
            ThreadOrderUpdate(identity: .messageID("r@test"), orders: [OrderNumber(100)], inheritedFrom: .messageID("p@test"), flags: []),
        ])
    }

    @Test("§4.7 inheritance follows a chain of replies, whatever arrives first")
    func chain() throws {
        // c answers b answers a; only a has an order. Captured c, b, then a: a's capture updates both.
        let a = F.mail(id: "a@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let b = F.mail(id: "b@test", from: ["anna@company.example"], to: ["carl@acme.example"], inReplyTo: ["a@test"])
        let c = F.mail(id: "c@test", from: ["carl@acme.example"], to: ["anna@company.example"], inReplyTo: ["b@test"])
        let decision = F.decide(a, thread: ThreadFacts([try Self.member(c), try Self.member(b)]))
        #expect(decision.threadUpdates.map(\.identity) == [.messageID("b@test"), .messageID("c@test")])
        #expect(decision.threadUpdates.allSatisfy { $0.orders == [OrderNumber(100)] })
        #expect(decision.threadUpdates.first { $0.identity == .messageID("c@test") }?.inheritedFrom == .messageID("b@test"))
    }

    @Test("§4.7 the nearest captured message answered wins: In-Reply-To before References")
    func nearestParent() throws {
        let root = F.mail(id: "root@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let middle = F.mail(id: "mid@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [300])
        let reply = F.mail(id: "r@test", from: ["anna@company.example"], to: ["carl@acme.example"],
                           inReplyTo: ["mid@test"], references: ["root@test", "mid@test"])
        let thread = ThreadFacts([try Self.member(root), try Self.member(middle)])
        #expect(try F.decide(reply, thread: thread).requireActivity().orders == [OrderNumber(300)])
        // Without the nearer message captured, the reply takes the orders of the nearest one that is.
        #expect(try F.decide(reply, thread: ThreadFacts([try Self.member(root)])).requireActivity().orders == [OrderNumber(100)])
    }

    @Test("§4.7 a loop of message ids links nothing and ends")
    func loop() throws {
        let x = F.mail(id: "x@test", from: ["carl@acme.example"], to: ["anna@company.example"], inReplyTo: ["y@test"])
        let y = F.mail(id: "y@test", from: ["anna@company.example"], to: ["carl@acme.example"], inReplyTo: ["x@test"])
        let decision = F.decide(y, thread: ThreadFacts([try Self.member(x)]))
        #expect(decision.activity?.orders == [])
        #expect(decision.threadUpdates.isEmpty)
    }

    @Test("§4.7 a long chain of replies resolves in one pass, from any message of it")
    func longChain() {
        let count = 3000
        let members = (0..<count).map { index in
            ThreadMember(
                identity: .messageID("c\(index)@t"), parents: index == 0 ? [] : [.messageID("c\(index - 1)@t")],
                hasOwnOrderReferences: index == 0, ownOrders: index == 0 ? [OrderNumber(100)] : [],
                accounts: [F.acmeDE], orders: [], flags: []
            )
        }
        let updates = Matcher.reconcileThread(members.reversed(), book: F.book)
        #expect(updates.count == count)
        #expect(updates.allSatisfy { $0.orders == [OrderNumber(100)] && $0.flags.isEmpty })
        #expect(updates.first { $0.identity == .messageID("c2999@t") }?.inheritedFrom == .messageID("c2998@t"))
        #expect(updates.first { $0.identity == .messageID("c0@t") }?.inheritedFrom == nil)
    }

    @Test("§4.7 a message that is not an activity changes no thread")
    func unmatchedChangesNothing() throws {
        let reply = F.mail(id: "r@test", from: ["anna@company.example"], to: ["carl@acme.example"], inReplyTo: ["p@test"])
        let parent = F.mail(id: "p@test", from: ["stranger@elsewhere.example"], to: ["anna@company.example"], orders: [100])
        let decision = F.decide(parent, thread: ThreadFacts([try Self.member(reply)]))
        #expect(decision.outcome == .unmatched(.unknownSender))
        #expect(decision.threadUpdates.isEmpty)
    }

    @Test("§4.7 an order of the activity's account, its parents or subsidiaries at any depth raises no flag",
          arguments: [Int64(100), 300, 400])
    func orderInFamily(order: Int64) throws {
        // carl is on ACME-DE: 100 is ACME-DE's, 300 its subsidiary ACME-DE-BERLIN's, 400 its parent ACME's.
        let activity = try F.decide(F.mail(from: ["carl@acme.example"], to: ["anna@company.example"], orders: [order])).requireActivity()
        #expect(activity.flags.isEmpty)
    }

    @Test("§4.7 order_account_mismatch when a linked order belongs to none of the activity's accounts or their families",
          arguments: [Int64(200), 500])
    func orderAccountMismatch(order: Int64) throws {
        // 200 is GLOBEX's (unrelated), 500 ACME-FR's (a sibling of ACME-DE: neither parent nor subsidiary).
        let decision = F.decide(F.mail(from: ["carl@acme.example"], to: ["anna@company.example"], orders: [order]))
        let activity = try decision.requireActivity()
        #expect(activity.flags == [.orderAccountMismatch])
        #expect(activity.orders == [OrderNumber(order)])
        #expect(decision.audit.entries.contains { if case .orderAccountMismatch(OrderNumber(order), _) = $0 { true } else { false } })
    }

    @Test("§4.7 an inherited order is checked against the reply's accounts")
    func inheritedMismatch() throws {
        let parent = F.mail(id: "p@test", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let reply = F.mail(id: "r@test", from: ["anna@company.example"], to: ["dora@globex.example"], inReplyTo: ["p@test"])
        let activity = try F.decide(reply, thread: ThreadFacts([try Self.member(parent)])).requireActivity()
        #expect(activity.orders == [OrderNumber(100)])
        #expect(activity.flags == [.orderAccountMismatch])
    }

    @Test("§4.7 account families survive a cycle in parent links")
    func accountCycle() {
        let book = AddressBook(accounts: [.init(id: AccountID("A"), parent: AccountID("B")), .init(id: AccountID("B"), parent: AccountID("A"))])
        #expect(book.family(of: AccountID("A")) == [AccountID("A"), AccountID("B")])
    }
}
