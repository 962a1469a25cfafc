import Foundation
import TestSupport
import Testing

/// `after: move:FOLDER` on a real Dovecot that announces no MOVE (its `imap_capability` narrowed), polled by the built
/// binary (INTERFACE.md §12, issue #9).
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable && PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs Dovecot, the built crmservice and sqlite3"))
struct DovecotMoveTests {
    @Test("§12 move without MOVE never expunges another message: one that someone else flagged \\Deleted survives the poll, the polled ones are in the target folder",
          arguments: [["MOVE", "UIDPLUS"], ["MOVE"]] as [Set<String>])
    func moveNeverExpungesAnotherMessage(missing: Set<String>) throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        let dovecot = try Dovecot(imapCapability: Dovecot.capabilities(without: missing))
        let world = try PollWorld()
        let capabilities = try dovecot.imap("corporate", "INBOX", "CAPABILITY").split(whereSeparator: \.isWhitespace)
        #expect(capabilities.contains("ESEARCH"))
        for capability in missing { #expect(!capabilities.contains(Substring(capability))) }
        #expect(capabilities.contains("UIDPLUS") == !missing.contains("UIDPLUS"))

        let files = try (1...4).map { try Self.message($0, in: world) }
        try dovecot.load("corporate", "INBOX", Array(files[0..<2]))
        try dovecot.imap("corporate", "INBOX", "CREATE Archive")
        let db = try world.database("move")
        let arguments = ["poll", "--once", "--db", db, "--url", dovecot.url(), "--user", "corporate",
                         "--password-file", dovecot.passwordFile("corporate"), "--cacert", dovecot.cacert,
                         "--mailbox-name", "corporate"]
        let first = try PollCommandLine.run(arguments)
        #expect(first.status == 0, "\(first.err)")
        #expect(PollWorld.messages(in: first.out) == 2)

        // Someone else's client flags UID 2 (captured, behind the checkpoint) for deletion, and new mail comes.
        try dovecot.imap("corporate", "INBOX", "UID STORE 2 +FLAGS (\\Deleted)")
        try dovecot.load("corporate", "INBOX", Array(files[2..<4]))
        let second = try PollCommandLine.run(arguments + ["--after", "move:Archive"])
        #expect(second.status == 0, "\(second.err)")
        #expect(PollWorld.messages(in: second.out) == 2)
        #expect(try world.checkpoint(db, mailbox: "corporate")?.lastUID == 4)

        let flags = try Self.flags(dovecot.imap("corporate", "INBOX", "UID FETCH 1:* (FLAGS)"))
        #expect(flags[2]?.contains("\\Deleted") == true, "the other message is still there: \(flags)")
        if missing.contains("UIDPLUS") {
            // Copied and flagged, never expunged: the flagged copies wait for their owner's client.
            #expect(flags[3]?.contains("\\Deleted") == true)
            #expect(flags[4]?.contains("\\Deleted") == true)
        } else {
            #expect(flags[3] == nil && flags[4] == nil, "UID EXPUNGE of the moved ones: \(flags)")
        }
        #expect(flags[1] != nil)
        for n in 3...4 {
            let found = try dovecot.imap("corporate", "Archive", "UID SEARCH HEADER Message-ID \"<move-\(n)@example.com>\"")
            #expect(found.split(whereSeparator: \.isWhitespace).count == 3, "message \(n) in Archive: \(found)")
        }
        let archived = try dovecot.imap("corporate", "INBOX", "STATUS Archive (MESSAGES)")
        #expect(archived.contains("MESSAGES 2"), "\(archived)")
    }

    /// A small message `move-N@example.com` written into the world's directory.
    static func message(_ n: Int, in world: PollWorld) throws -> String {
        let path = world.path("move-\(n).eml")
        try """
            From: Stranger <stranger@nowhere.example>
            To: alice@example.com
            Subject: move \(n)
            Date: Mon, 30 Nov 2026 10:00:00 +0000
            Message-ID: <move-\(n)@example.com>

            Body \(n).

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// UID → flags of `* n FETCH (UID u FLAGS (...))` lines.
    static func flags(_ answer: String) -> [Int: String] {
        var result: [Int: String] = [:]
        for line in answer.split(whereSeparator: \.isNewline) where line.contains("FETCH") {
            guard let uid = line.firstRange(of: "UID "), let open = line.firstRange(of: "FLAGS ("),
                  let number = Int(line[uid.upperBound...].prefix { $0.isNumber }),
                  let close = line[open.upperBound...].firstIndex(of: ")") else { continue }
            result[number] = String(line[open.upperBound..<close])
        }
        return result
    }
}
