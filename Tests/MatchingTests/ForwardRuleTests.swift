import CRMCore
import Foundation
import MailMIME
import Testing
@testable import Matching

/// §11 `Matcher.captured` on parsed messages: when a forward is taken as its original, and what the view carries.
@Suite struct ForwardRuleTests {
    /// Anna (user) forwards Carl's (contact) mail to Bob to the capture address.
    static func forward(to: [String] = ["crm@company.example"], from: String = "anna@company.example",
                        cc: [String] = [], bcc: [String] = [], forwarded: ForwardedMessage? = original) -> ParsedMessage {
        var message = ParsedMessage(
            messageID: "fwd-1@company.example", date: Date(timeIntervalSince1970: 1_000_000),
            from: Fixture.mailboxes([from]), to: Fixture.mailboxes(to), cc: Fixture.mailboxes(cc),
            bcc: Fixture.mailboxes(bcc), subject: "Fwd: price", text: "Order:100\n\nsee below")
        message.forwarded = forwarded
        return message
    }

    static let original = ForwardedMessage(
        form: .gmail, date: nil, from: Fixture.mailboxes(["carl@acme.example"]), to: Fixture.mailboxes(["bob@company.example"]),
        subject: "price", text: "the price is fine", note: "Order:100")

    @Test("§11 the view is the original, the forwarder linked but no participant; Order:N of the note counts")
    func view() throws {
        let view = Matcher.captured(Self.forward(), book: Fixture.book)
        #expect(view.from.map(\.address) == ["carl@acme.example"])
        #expect(view.forwardedBy.map(\.address) == ["anna@company.example"])
        #expect(view.date == Date(timeIntervalSince1970: 1_000_000), "an unreadable block date gives the forward's own")
        #expect(view.messageID == "fwd-1@company.example", "an inline block keeps the forward's Message-ID")
        #expect(view.orderRefs == [100])
        #expect(Matcher.captured(view, book: Fixture.book) == view, "applying it twice changes nothing")
        let decision = Matcher.decide(Self.forward(), identity: .messageID("fwd-1@company.example"), book: Fixture.book)
        let activity = try #require(decision.activity)
        #expect(activity.direction == .incoming)
        #expect(activity.users == [Fixture.anna, Fixture.bob] && activity.contacts == [Fixture.carl])
        #expect(decision.audit.description.contains("§11 forwarded to the capture address by anna@company.example"))
    }

    @Test("§11 not taken as its original: a second recipient, an unreadable one, no capture address, a non-user, a never-capture Bcc, no forward",
          arguments: [
              forward(to: ["crm@company.example", "bob@company.example"]),
              forward(to: ["crm@company.example"], cc: ["undisclosed"]),
              forward(to: []),
              forward(from: "carl@acme.example"),
              forward(bcc: ["doctor@private.example"]),
              forward(forwarded: nil),
          ])
    func notApplied(message: ParsedMessage) {
        #expect(Matcher.captured(message, book: Fixture.book) == message)
    }

    @Test("§11 a Bcc besides the capture address does not stop the rule")
    func bccIgnored() {
        #expect(!Matcher.captured(Self.forward(bcc: ["bob@company.example"]), book: Fixture.book).forwardedBy.isEmpty)
    }
}
