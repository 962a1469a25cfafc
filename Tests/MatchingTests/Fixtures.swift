import Testing
import CRMCore
import MailMIME
@testable import Matching

/// The address book every test shares: two users, contacts on a small account tree and on an unrelated account.
///
/// Accounts: ACME ← ACME-DE ← ACME-DE-BERLIN, ACME ← ACME-FR (a sibling of ACME-DE), GLOBEX.
enum Fixture {
    static let anna = UserID("U-anna")
    static let bob = UserID("U-bob")
    static let carl = ContactID("C-carl")       // ACME-DE
    static let dora = ContactID("C-dora")       // GLOBEX
    static let infoAcme = ContactID("C-info-acme")      // shares info@shared.example
    static let infoGlobex = ContactID("C-info-globex")  // shares info@shared.example
    static let bobAsContact = ContactID("C-bob-private") // GLOBEX, has bob's user address too

    static let acme = AccountID("ACME")
    static let acmeDE = AccountID("ACME-DE")
    static let acmeBerlin = AccountID("ACME-DE-BERLIN")
    static let acmeFR = AccountID("ACME-FR")
    static let globex = AccountID("GLOBEX")

    static let book = AddressBook(
        users: [
            .init(id: anna, addresses: [address("anna@company.example"), address("a.berg@company.example")]),
            .init(id: bob, addresses: [address("bob@company.example")]),
        ],
        contacts: [
            .init(id: carl, account: acmeDE, addresses: [address("carl@acme.example")]),
            .init(id: dora, account: globex, addresses: [address("dora@globex.example")]),
            .init(id: infoAcme, account: acme, addresses: [address("info@shared.example")]),
            .init(id: infoGlobex, account: globex, addresses: [address("info@shared.example")]),
            .init(id: bobAsContact, account: globex, addresses: [address("bob@company.example")]),
        ],
        accounts: [
            .init(id: acme), .init(id: acmeDE, parent: acme), .init(id: acmeBerlin, parent: acmeDE),
            .init(id: acmeFR, parent: acme), .init(id: globex),
        ],
        orders: [
            .init(number: OrderNumber(100), account: acmeDE), .init(number: OrderNumber(200), account: globex),
            .init(number: OrderNumber(300), account: acmeBerlin), .init(number: OrderNumber(400), account: acme),
            .init(number: OrderNumber(500), account: acmeFR),
        ],
        policy: CapturePolicy(
            neverCaptureAddresses: [address("doctor@private.example"), address("hr@company.example")], neverCaptureDomains: ["@LawFirm.example"],
            captureAddresses: [address("crm@company.example")]
        )
    )

    /// The same book without capture addresses.
    static let bookWithoutCaptureAddress = AddressBook(
        users: Array(book.users.values), contacts: Array(book.contacts.values), accounts: Array(book.accounts.values),
        orders: Array(book.orders.values)
    )

    static func address(_ raw: String) -> EmailAddress { EmailAddress(raw)! }

    static func mailboxes(_ raws: [String]) -> [MailAddress] { raws.map { MailAddress(name: nil, address: $0) } }

    /// A message with the given participants; everything else defaulted.
    static func mail(
        id: String? = "m1@test", from: [String], to: [String] = [], cc: [String] = [], bcc: [String] = [],
        deliveredTo: [String] = [], xOriginalTo: [String] = [], orders: [Int64] = [],
        inReplyTo: [String] = [], references: [String] = []
    ) -> ParsedMessage {
        ParsedMessage(
            messageID: id, from: mailboxes(from), to: mailboxes(to), cc: mailboxes(cc), bcc: mailboxes(bcc),
            deliveredTo: mailboxes(deliveredTo), xOriginalTo: mailboxes(xOriginalTo), subject: "Hello",
            inReplyTo: inReplyTo, references: references, text: "Hi", orderRefs: orders
        )
    }

    static func identity(_ message: ParsedMessage) -> MessageIdentity {
        MessageIdentity(message, rawBytes: Array("bytes of \(message.subject ?? "")".utf8))
    }

    /// Decides `message` against the shared book.
    static func decide(
        _ message: ParsedMessage, book: AddressBook = book, thread: ThreadFacts = ThreadFacts()
    ) -> CaptureDecision {
        Matcher.decide(message, identity: identity(message), book: book, thread: thread)
    }
}

extension CaptureDecision {
    /// The activity, failing the test when the outcome is another.
    func requireActivity(sourceLocation: SourceLocation = #_sourceLocation) throws -> Activity {
        try #require(activity, "expected an activity, got \(outcome)", sourceLocation: sourceLocation)
    }
}
