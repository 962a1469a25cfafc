import CRMCore
import CRMServiceApp
import Foundation
import Testing
@testable import Capture

/// §11: a user's forward to the capture address is captured as the message it forwards, the user linked too.
/// The forwards are `Fixtures/forward`, written in each client's format; the address book is `Fixtures/capture`'s
/// (bob@example.com is user u2, cathy@acme.example.net contact c1 of A1, greg@globex.example.org contact c4 of A3).
@Suite struct ForwardCaptureTests {
    static let directory = URL(fileURLWithPath: Fixture.capture).deletingLastPathComponent()
        .appendingPathComponent("forward")
    static let policy = CapturePolicy(captureAddresses: [EmailAddress("crm@example.com")!])
    static let clientFiles: [String] = [
        "outlook-plain", "outlook-html", "outlook-web", "gmail", "thunderbird-plain", "thunderbird-html", "apple-mail",
    ].flatMap { client in ["en", "de", "nl", "fr"].map { "\(client)-\($0).eml" } }

    let db: FreshDatabase
    init() throws {
        db = try FreshDatabase()
        try db.importFixtureBook()
    }

    func fixture(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: Self.directory.appendingPathComponent(name)), as: UTF8.self)
    }

    func replay(_ paths: [String], policy: CapturePolicy = Self.policy) throws -> ReplaySummary {
        try ReplayService(database: db.database, policy: policy).replay(paths, mailbox: "crm")
    }

    func replayFixture(_ names: String...) throws -> ReplaySummary {
        try replay(names.map { Self.directory.appendingPathComponent($0).path })
    }

    @Test("§11 a forward to the capture address from each client (Outlook plain/HTML/web, Gmail, Thunderbird plain/HTML, Apple Mail; EN/DE/NL/FR) is captured as the original",
          arguments: clientFiles)
    func eachClient(file: String) throws {
        let summary = try replayFixture(file)
        #expect(summary.activities == 1, "\(file): \(summary.text)")
        let activity = try #require(try db.objects(.activities).first)
        #expect(activity["direction"] as? String == "incoming")
        #expect(activity["contacts"] as? [String] == ["c1", "c4"])
        #expect(activity["accounts"] as? [String] == ["A1", "A3"])
        #expect(activity["users"] as? [String] == ["u2"])
        #expect(activity["orders"] as? [Int] == [1001], "Order:1001 of the forwarded text")
        #expect((activity["date"] as? String)?.hasPrefix("2026-12-01T09:15:00") == true, "\(file): \(activity["date"] ?? "nil")")
        let subject = try #require(activity["subject"] as? String)
        #expect(!subject.contains(":"), "the original's subject, not the forward's: \(subject)")
        let messageID = try #require(activity["message_id"] as? String)
        #expect(!messageID.contains("acme"), "an inline forward keeps its own Message-ID")
    }

    @Test("§11 the forwarding user is linked though the original did not name them, and is no recipient")
    func forwarderLinked() throws {
        // Alice (u1) forwards Cathy's mail to Bob (u2): both users linked; the forwarder alone would not make a
        // no_user_recipient original an activity.
        let text = try fixture("gmail-en.eml").replacingOccurrences(of: "From: Bob Sales <bob@example.com>",
                                                                     with: "From: Alice Admin <alice@example.com>")
        #expect(try replay([try db.file("alice.eml", text)]).activities == 1)
        #expect(try db.objects(.activities).first?["users"] as? [String] == ["u1", "u2"])

        let noUser = try fixture("gmail-en.eml")
            .replacingOccurrences(of: "From: Bob Sales <bob@example.com>", with: "From: Alice Admin <alice@example.com>")
            .replacingOccurrences(of: "To: Bob Sales <bob@example.com>", with: "To: Sales <sales@elsewhere.example>")
            .replacingOccurrences(of: "Message-ID: <CAKx7", with: "Message-ID: <other-CAKx7")
        let summary = try replay([try db.file("nouser.eml", noUser)])
        #expect(summary.unmatched[.noUserRecipient] == 1, "\(summary.text)")
    }

    @Test("§11 a message/rfc822 forward is captured as the original: its Message-ID, date, text and attachments")
    func rfc822() throws {
        let summary = try replayFixture("rfc822-attachment.eml")
        #expect(summary.activities == 1, "\(summary.text)")
        let activity = try #require(try db.objects(.activities).first)
        #expect(activity["message_id"] as? String == "20261201091500.4711@acme.example.net")
        #expect(activity["subject"] as? String == "Replacement sealing jaws")
        #expect((activity["date"] as? String)?.hasPrefix("2026-12-01T09:15:00") == true)
        #expect(activity["attachments"] as? Int == 1, "the original's drawing, not the forward's .eml")
        #expect(activity["orders"] as? [Int] == [1001])
        #expect(activity["users"] as? [String] == ["u2"])
    }

    @Test("§11 §4.8 the original reaching the mailbox directly, before or after its rfc822 forward, is one message",
          arguments: [["rfc822-attachment.eml", "original-direct.eml"], ["original-direct.eml", "rfc822-attachment.eml"]])
    func originalAndForward(order: [String]) throws {
        let summary = try replay(order.map { Self.directory.appendingPathComponent($0).path })
        #expect(summary.activities == 1 && summary.duplicates == 1, "\(summary.text)")
        let activities = try db.objects(.activities)
        #expect(activities.count == 1)
        #expect((activities.first?["sources"] as? [Any])?.count == 2)
        #expect(activities.first?["contacts"] as? [String] == ["c1", "c4"])
    }

    @Test("§11 an inline forward's attachments are kept with the activity")
    func inlineAttachments() throws {
        #expect(try replayFixture("outlook-attachment-en.eml").activities == 1)
        let activity = try #require(try db.objects(.activities).first)
        #expect(activity["attachments"] as? Int == 1)
        #expect(activity["contacts"] as? [String] == ["c4"])
        #expect(activity["subject"] as? String == "Delivery note 4711")
    }

    @Test("§11 a forward that cannot be read stays unmatched no_contact_recipient")
    func unreadable() throws {
        let summary = try replayFixture("unreadable-en.eml", "two-rfc822.eml")
        #expect(summary.activities == 0)
        #expect(summary.unmatched[.noContactRecipient] == 2, "\(summary.text)")
    }

    @Test("§11 the rule does not apply to a forward from a non-user")
    func nonUser() throws {
        let text = try fixture("gmail-en.eml").replacingOccurrences(
            of: "From: Bob Sales <bob@example.com>\r\nTo: crm", with: "From: Sam Outsider <sam@elsewhere.example>\r\nTo: crm")
        let summary = try replay([try db.file("outsider.eml", text)])
        #expect(summary.unmatched[.unknownSender] == 1, "\(summary.text)")
    }

    @Test("§11 the rule does not apply to a forward with a recipient other than a capture address")
    func otherRecipient() throws {
        let text = try fixture("gmail-en.eml").replacingOccurrences(of: "To: crm@example.com",
                                                                     with: "To: crm@example.com, carol@example.com")
        let summary = try replay([try db.file("carol.eml", text)])
        #expect(summary.activities == 0)
        #expect(summary.ignored[.internal] == 1, "\(summary.text)")
        // Without the capture address in the configuration, the same forward is mail to nobody known.
        let other = try replay([Self.directory.appendingPathComponent("gmail-de.eml").path], policy: CapturePolicy())
        #expect(other.unmatched[.noContactRecipient] == 1, "\(other.text)")
    }

    @Test("§11 §4.9 a forwarded original from a never-capture address is excluded")
    func privacyOfOriginal() throws {
        var policy = Self.policy
        policy.neverCaptureAddresses = [EmailAddress("cathy@acme.example.net")!]
        let summary = try replay([Self.directory.appendingPathComponent("apple-mail-nl.eml").path], policy: policy)
        #expect(summary.ignored[.excluded] == 1, "\(summary.text)")
        #expect(try db.objects(.unmatched).isEmpty && db.objects(.activities).isEmpty)
    }

    @Test("§11 replaying a forward again is a duplicate")
    func replayedTwice() throws {
        _ = try replayFixture("thunderbird-plain-fr.eml")
        let again = try replayFixture("thunderbird-plain-fr.eml")
        #expect(again.duplicates == 1 && again.activities == 0)
        #expect(try db.objects(.activities).count == 1)
    }

    @Test("§11 §5 a forward's open entry, with the original's direct copy beside it, is decided again as the original")
    func reprocessWithDirectCopy() throws {
        // Nora is not a contact yet: the forward of her mail is unknown_sender (the original's sender), and the
        // original's own copy arriving later is a duplicate of that entry.
        func nora(_ text: String) -> String {
            text.replacingOccurrences(of: "Cathy Acme <cathy@acme.example.net>", with: "Nora New <nora@initech.example.org>")
        }
        let forward = try db.file("fwd.eml", nora(try fixture("rfc822-attachment.eml")))
        let direct = try db.file("direct.eml", nora(try fixture("original-direct.eml")))
        let summary = try replay([forward, direct])
        #expect(summary.unmatched[.unknownSender] == 1 && summary.duplicates == 1, "\(summary.text)")
        let entry = try #require(try db.objects(.unmatched).first)
        #expect(entry["from"] as? String == "nora@initech.example.org")
        #expect(entry["message_id"] as? String == "20261201091500.4711@acme.example.net")

        // The review queue's candidates are about the original's sender: Initech's contacts share her domain.
        let id = try #require(entry["id"] as? Int)
        let candidates = try ReviewCandidateService(database: db.database, policy: Self.policy)
            .candidates(forEntry: Int64(id), limit: 5)
        #expect(Set(candidates.map(\.contact.rawValue)) == ["c6", "c7"], "\(candidates)")

        _ = try ReferenceImporter(database: db.database).importFile(.contacts, path: Fixture.capture + "/contacts-later.csv")
        let results = try ReviewService(database: db.database, policy: Self.policy).reprocess(nil, actor: "ann")
        #expect(results.map(\.1) == [.activity])
        let activity = try #require(try db.objects(.activities).first)
        #expect(activity["contacts"] as? [String] == ["c4", "c8"])
        #expect(activity["users"] as? [String] == ["u2"])
    }
}
