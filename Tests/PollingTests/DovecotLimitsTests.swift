import CRMCore
import Foundation
import Testing
import TestSupport

/// INTERFACE.md §12 in `crmservice poll` against a real Dovecot (scripts/dovecot), run as the built binary.
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable && PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs Dovecot, the built crmservice and sqlite3"))
struct DovecotLimitsTests {
    let world: PollWorld
    let dovecot: Dovecot

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        world = try PollWorld()
        dovecot = try Dovecot()
    }

    func poll(_ db: String, user: String, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try PollCommandLine.run(["poll", "--once", "--db", db, "--url", dovecot.url("INBOX"), "--user", user,
                                 "--password-file", dovecot.passwordFile(user), "--cacert", dovecot.cacert,
                                 "--mailbox-name", user] + extra)
    }

    /// A message (CRLF line ends, so Dovecot serves it byte for byte) of `bodyLines` lines of 78 characters.
    static func message(_ n: Int, bodyLines: Int = 3) -> (header: [UInt8], whole: [UInt8]) {
        let header = Array("""
            From: Stranger <stranger\(n)@unknown.example>\r
            To: alice@acme.example\r
            Subject: limits \(n)\r
            Message-ID: <limits-\(n)@unknown.example>\r
            Date: Mon, 30 Nov 2026 10:00:00 +0000\r
            \r

            """.utf8)
        let line = Array((String(repeating: "b", count: 78) + "\r\n").utf8)
        return (header, header + (0..<bodyLines).flatMap { _ in line })
    }

    func write(_ messages: [[UInt8]], prefix: String) throws -> [String] {
        try messages.enumerated().map { index, bytes in
            let path = world.path(String(format: "\(prefix)-%03d.eml", index + 1))
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    func sql(_ db: String, _ query: String) throws -> String {
        let ran = try Spawn.run(["/usr/bin/sqlite3", "-readonly", db, query])
        return ran.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("§12 a message over capture.max_message_bytes becomes too_large with its header; a later full copy is a duplicate")
    func tooLarge() throws {
        let big = Self.message(2, bodyLines: 800) // 64 KB
        let files = try write([Self.message(1).whole, big.whole, Self.message(3).whole], prefix: "big")
        try dovecot.load("corporate", "INBOX", files)
        let db = try world.database("polled")

        let polled = try poll(db, user: "corporate", ["--max-message-bytes", "20000"])
        #expect(polled.status == 0, "\(polled.err)")
        #expect(PollWorld.messages(in: polled.out) == 3)
        #expect(polled.out.contains("too_large 1"), "\(polled.out)")
        let entry = "FROM unmatched u JOIN messages m ON m.id = u.message_id JOIN message_copies c ON c.message_id = m.id "
            + "WHERE u.reason = 'too_large'"
        #expect(try sql(db, "SELECT hex(c.raw) \(entry)") == big.header.map { String(format: "%02X", $0) }.joined())
        #expect(try sql(db, "SELECT m.message_id \(entry)") == "limits-2@unknown.example")
        #expect(try sql(db, "SELECT u.audit \(entry)").contains("§12 the message is \(big.whole.count) bytes, over capture.max_message_bytes (20000)"))
        #expect(try sql(db, "SELECT s.ref FROM sources s JOIN unmatched u ON u.message_id = s.message_id WHERE u.reason = 'too_large'")
            .hasSuffix(":2"))
        #expect(try world.checkpoint(db, mailbox: "corporate")?.lastUID == 3)

        // The same message reaches the BCC mailbox, polled with the default limit: a duplicate of the stored entry.
        try dovecot.load("bcc", "INBOX", [files[1]])
        let bcc = try poll(db, user: "bcc")
        #expect(bcc.status == 0, "\(bcc.err)")
        #expect(bcc.out.contains("1 duplicates"), "\(bcc.out)")
        #expect(try sql(db, "SELECT count(*) FROM messages") == "3")
    }

    @Test("§12 three failures of its own make a message unprocessable and the mailbox moves on; nothing lost or doubled")
    func unprocessable() throws {
        let messages = (1...5).map { Self.message($0).whole }
        try dovecot.load("corporate", "INBOX", try write(messages, prefix: "bad"))
        // Dovecot cannot read UID 3's file: it answers a FETCH of it (and of a set holding it) with BYE.
        let unreadable = try #require(try maildirFile(of: "corporate", containing: "<limits-3@unknown.example>"))
        #expect(chmod(unreadable, 0) == 0)
        let db = try world.database("polled")

        for attempt in 1...2 {
            let failed = try poll(db, user: "corporate")
            #expect(failed.status == 1)
            #expect(failed.err.contains("fetching UID 3 (failure \(attempt) of 3"), "\(failed.err)")
            #expect(try world.checkpoint(db, mailbox: "corporate")?.lastUID == 2)
        }
        #expect(try sql(db, "SELECT uid || ' ' || attempts FROM capture_attempts") == "3 2")

        let third = try poll(db, user: "corporate")
        #expect(third.status == 0, "\(third.err)")
        #expect(PollWorld.messages(in: third.out) == 3, "\(third.out)")
        #expect(third.out.contains("unprocessable 1"), "\(third.out)")
        #expect(try world.checkpoint(db, mailbox: "corporate")?.lastUID == 5)
        #expect(try sql(db, "SELECT count(*) FROM capture_attempts") == "0")
        let audit = try sql(db, "SELECT audit FROM unmatched WHERE reason = 'unprocessable'")
        #expect(audit.contains("§12 capture failed 3 times") && audit.contains("fetching UID 3"), "\(audit)")

        let fourth = try poll(db, user: "corporate")
        #expect(fourth.status == 0 && PollWorld.messages(in: fourth.out) == 0, "\(fourth)")
        // Every message once, each through its own UID.
        let refs = try sql(db, "SELECT group_concat(ref, ' ') FROM (SELECT ref FROM sources ORDER BY ref)")
        let validity = try #require(try world.checkpoint(db, mailbox: "corporate")?.uidValidity)
        #expect(refs == (1...5).map { "\(validity):\($0)" }.joined(separator: " "))
        #expect(try sql(db, "SELECT count(*) FROM unmatched") == "5")
    }

    /// The Maildir file of `user`'s INBOX holding `text`.
    func maildirFile(of user: String, containing text: String) throws -> String? {
        let root = dovecot.directory.appendingPathComponent("mail/\(user)")
        for sub in ["new", "cur"] {
            let dir = root.appendingPathComponent(sub)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                let path = dir.appendingPathComponent(name).path
                if let data = FileManager.default.contents(atPath: path), String(decoding: data, as: UTF8.self).contains(text) {
                    return path
                }
            }
        }
        return nil
    }
}
