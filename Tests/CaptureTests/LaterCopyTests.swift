import CRMCore
import CRMServiceApp
import Foundation
import GRDB
import Testing
@testable import Capture
@testable import Store

/// §12 "A later copy of a stored message (§4.8) never deletes or rewrites what was stored", through `replay` into a
/// real SQLite file.
@Suite struct LaterCopyTests {
    let db: FreshDatabase
    let policy = CapturePolicy(neverCaptureDomains: ["private.example"])
    init() throws {
        db = try FreshDatabase()
        try db.importFixtureBook()
    }

    /// cathy (contact c1, account A1) writes to alice (user u1) with an attachment.
    static let original = """
        Message-ID: <quote-7@acme.example.net>\r
        Date: 12 Oct 2026 09:27:00 +0000\r
        From: Cathy Acme <cathy@acme.example.net>\r
        To: alice@example.com\r
        Subject: Quote 7\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b"\r
        \r
        --b\r
        Content-Type: text/plain\r
        \r
        The quote.\r
        --b\r
        Content-Type: application/pdf\r
        Content-Disposition: attachment; filename="quote.pdf"\r
        Content-Transfer-Encoding: base64\r
        \r
        UERGIGJ5dGVz\r
        --b--\r

        """

    /// The attack of issue 9: the same Message-ID, another subject and a `Cc:` on a never-capture domain.
    static let forged = """
        Message-ID: <quote-7@acme.example.net>\r
        Date: 1 Jan 2020 00:00:00 +0000\r
        From: Mallory <mallory@elsewhere.example>\r
        To: alice@example.com\r
        Cc: someone@private.example\r
        Subject: Nothing to see\r
        \r
        Order: 1001\r

        """

    /// A genuine copy delivered to carol (user u3).
    static let carolCopy = "Delivered-To: carol@example.com\r\n" + original

    func replay(_ name: String, _ text: String, mailbox: String = "attack") throws -> ReplaySummary {
        try ReplayService(database: db.database, policy: policy).replay([try db.file(name, text)], mailbox: mailbox)
    }

    func activity() throws -> [String: Any]? {
        try db.objects(.activities).first { $0["message_id"] as? String == "quote-7@acme.example.net" }
    }

    @Test("§12 a later copy never deletes or rewrites what was stored (issue 9: a forged copy with a never-capture Cc)")
    func forgedCopyEndToEnd() throws {
        #expect(try replay("1.eml", Self.original).activities == 1)
        let before = try #require(try activity())

        let forged = try replay("2.eml", Self.forged)
        #expect(forged.duplicates == 1)
        let after = try #require(try activity(), "the forged copy erased the activity")
        for key in ["id", "direction", "date", "subject", "contacts", "accounts", "users", "orders", "unresolved_orders",
                    "thread_id", "attachments"] {
            #expect(String(describing: after[key]) == String(describing: before[key]), "\(key)")
        }
        #expect(after["subject"] as? String == "Quote 7")
        #expect(after["attachments"] as? Int == 1)
        #expect(after["flags"] as? [String] == ["privacy_review"])
        #expect((after["sources"] as? [[String: String]])?.count == 2)

        // Every later copy is still taken: its source is added and its recipients may add links.
        #expect(try replay("3.eml", Self.carolCopy).duplicates == 1)
        let last = try #require(try activity())
        #expect(last["users"] as? [String] == ["u1", "u3"])
        #expect(last["subject"] as? String == "Quote 7")
        #expect(last["flags"] as? [String] == ["privacy_review"])
        #expect((last["sources"] as? [[String: String]])?.count == 3)
        let (excluded, copies, blobs) = try db.database.writer.read { d in
            (try Int.fetchOne(d, sql: "SELECT count(*) FROM messages WHERE excluded = 1"),
             try Int.fetchOne(d, sql: "SELECT count(*) FROM message_copies"),
             try Int.fetchOne(d, sql: "SELECT count(*) FROM attachment_blobs"))
        }
        #expect(excluded == 0 && copies == 3 && blobs == 1)
        #expect(try db.objects(.unmatched).isEmpty)
    }

    @Test("§12 the first copy stored is the first committed, not the first by text: a later copy sorting first changes nothing")
    func firstByCommitOrder() throws {
        // "Delivered-To: ..." sorts before "Message-ID: ..." and its mailbox and path sort first too.
        let early = "Delivered-To: bob@example.com\r\n" + Self.forged.replacingOccurrences(of: "Cc: someone@private.example\r\n", with: "")
        _ = try replay("z/1.eml", Self.original, mailbox: "zz")
        _ = try replay("a/0.eml", early, mailbox: "aa")
        let after = try #require(try activity())
        #expect(after["subject"] as? String == "Quote 7")
        #expect(after["date"] as? String == "2026-10-12T09:27:00Z")
        #expect(after["orders"] as? [Int] == [])
        #expect(after["users"] as? [String] == ["u1", "u2"])
        #expect(after["flags"] as? [String] == [])
    }

    @Test("§12 an open unmatched entry becomes an activity when a later copy adds a user recipient, else stays as it was")
    func unmatchedGainsRecipient() throws {
        // cathy to a role address only: no user recipient.
        let toRole = Self.original.replacingOccurrences(of: "To: alice@example.com", with: "To: team@example.com")
        _ = try replay("1.eml", toRole)
        let entry = try #require(try db.objects(.unmatched).first)
        #expect(entry["reason"] as? String == "no_user_recipient")

        // A copy with a never-capture address and no user: the entry is left exactly as it was.
        _ = try replay("2.eml", "Cc: x@private.example\r\n" + toRole)
        #expect(try db.objects(.unmatched).map { $0["id"] as? Int } == [entry["id"] as? Int])
        #expect(try db.objects(.unmatched).first?["reason"] as? String == "no_user_recipient")
        #expect(try db.objects(.activities).isEmpty)

        // A copy delivered to alice: now an activity, with the first copy's content and the privacy flag.
        _ = try replay("3.eml", "Delivered-To: alice@example.com\r\n" + toRole)
        #expect(try db.objects(.unmatched).isEmpty)
        let made = try #require(try activity())
        #expect(made["users"] as? [String] == ["u1"])
        #expect(made["subject"] as? String == "Quote 7" && made["attachments"] as? Int == 1)
        #expect(made["flags"] as? [String] == ["privacy_review"])
        #expect((made["sources"] as? [[String: String]])?.count == 3)
    }

    @Test("§12 a message whose first copy names a never-capture address stays excluded")
    func firstCopyExcluded() throws {
        _ = try replay("1.eml", "Cc: x@private.example\r\n" + Self.original)
        #expect(try replay("2.eml", Self.original).duplicates == 1)
        #expect(try db.objects(.activities).isEmpty && db.objects(.unmatched).isEmpty)
    }

    @Test("§4.9 the attachments of an excluded message are deleted with it; content another activity shares stays")
    func excludedAttachmentsDeleted() throws {
        let pdf = AttachmentRecord(filename: "a.pdf", contentType: "application/pdf", sha256: SHA256Hex.of([1, 2]), data: [1, 2])
        let own = AttachmentRecord(filename: "b.pdf", contentType: "application/pdf", sha256: SHA256Hex.of([3]), data: [3])
        let record = ActivityRecord(direction: "incoming", contacts: [], accounts: [], users: [], orders: [], ownOrders: [],
                                    unresolvedOrders: [], inheritedFrom: nil, flags: [], threadParents: [])
        try db.database.inCaptureTransaction { tx in
            var ids: [Int64] = []
            for n in 0..<2 {
                let copy = RawCopy(sha256: SHA256Hex.of([UInt8(n)]), bytes: [UInt8(n)])
                let id = try tx.insertMessage(.messageID("m\(n)"), headline: MessageHeadline(messageID: nil, date: nil, subject: nil, from: nil), copy: copy)
                try tx.setOutcome(of: id, .activity(record, attachments: n == 0 ? [pdf, own] : [pdf]), at: Date())
                ids.append(id)
            }
            try tx.setOutcome(of: ids[0], .excluded, at: Date())
        }
        let blobs = try db.database.writer.read { try String.fetchAll($0, sql: "SELECT sha256 FROM attachment_blobs") }
        #expect(blobs == [pdf.sha256])
    }
}
