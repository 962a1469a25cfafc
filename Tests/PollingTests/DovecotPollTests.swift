import CRMCore
import Foundation
import TestSupport
import IMAPClient
import Testing

/// `crmservice poll` against a real Dovecot (scripts/dovecot), run as the built binary (issue #4).
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable && PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs Dovecot, the built crmservice and sqlite3"))
struct DovecotPollTests {
    let world: PollWorld
    let dovecot: Dovecot

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        world = try PollWorld()
        dovecot = try Dovecot()
    }

    /// `crmservice poll --once` of `user`'s `folder` as mailbox `name`.
    func poll(_ db: String, user: String, folder: String = "INBOX", name: String? = nil, passwordFile: String? = nil,
              _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try PollCommandLine.run(arguments(db, user: user, folder: folder, name: name, passwordFile: passwordFile) + extra)
    }

    func arguments(_ db: String, user: String, folder: String = "INBOX", name: String? = nil,
                   passwordFile: String? = nil) -> [String] {
        ["poll", "--once", "--db", db, "--url", dovecot.url(folder), "--user", user,
         "--password-file", passwordFile ?? dovecot.passwordFile(user), "--cacert", dovecot.cacert]
            + (name.map { ["--mailbox-name", $0] } ?? [])
    }

    func replay(_ db: String, _ paths: [String], name: String) throws -> String {
        let ran = try PollCommandLine.run(["replay"] + paths + ["--db", db, "--mailbox-name", name])
        #expect(ran.status == 0, "replay: \(ran.err)")
        return ran.out
    }

    @Test("§4: a corporate and a BCC mailbox polled give the outcomes of replaying the same files")
    func pollingEqualsReplaying() throws {
        let messages = PollWorld.fixtures + "/messages"
        let bccFiles = try PollWorld.files(in: messages, prefix: "bulk-")
        try dovecot.load("corporate", "INBOX", [messages])
        try dovecot.load("bcc", "INBOX", bccFiles)

        let polled = try world.database("polled")
        let corporate = try poll(polled, user: "corporate", name: "corporate")
        #expect(corporate.status == 0, "\(corporate.err)")
        let bcc = try poll(polled, user: "bcc", name: "bcc")
        #expect(bcc.status == 0, "\(bcc.err)")

        let replayed = try world.database("replayed")
        let replayCorporate = try replay(replayed, [messages], name: "corporate")
        let replayBCC = try replay(replayed, bccFiles, name: "bcc")

        #expect(PollWorld.counts(in: corporate.out) == PollWorld.counts(in: replayCorporate))
        #expect(PollWorld.counts(in: bcc.out) == PollWorld.counts(in: replayBCC))
        #expect(PollWorld.messages(in: bcc.out) == bccFiles.count)
        #expect(try world.outcomes("activities", polled) == world.outcomes("activities", replayed))
        #expect(try world.outcomes("unmatched", polled) == world.outcomes("unmatched", replayed))
        // Every BCC copy is a second source of a corporate message.
        let bccSources = try world.export("activities", polled).flatMap { $0["sources"] as? [[String: Any]] ?? [] }
            .filter { $0["mailbox"] as? String == "bcc" }
        #expect(!bccSources.isEmpty)
    }

    @Test("Nothing fetched is lost: SIGKILL during a poll of 1,000 messages, then poll again: every message once")
    func killedMidPoll() throws {
        let generated = try world.generate("world", count: 1_000)
        let files = try PollWorld.files(in: generated + "/messages")
        try dovecot.load("bench", "INBOX", [generated + "/messages"])
        let db = try world.database("polled", book: generated)

        let pid = try PollCommandLine.start(arguments(db, user: "bench", name: "bench"), logs: world.directory, name: "killed")
        var ended: Spawn.Termination?
        while ended == nil {
            if let checkpoint = try world.checkpoint(db, mailbox: "bench"), checkpoint.lastUID >= 50 {
                kill(pid, SIGKILL)
                ended = Spawn.wait(pid)
                break
            }
            ended = Spawn.ended(pid)
            usleep(5_000)
        }
        try #require(ended == .signalled(SIGKILL), "the poll ended before it could be killed: \(String(describing: ended))")
        let after = try #require(try world.checkpoint(db, mailbox: "bench"))
        #expect(after.lastUID < UInt32(files.count))

        let again = try poll(db, user: "bench", name: "bench")
        #expect(again.status == 0, "\(again.err)")
        #expect(PollWorld.messages(in: again.out) == files.count - Int(after.lastUID))
        #expect(try world.checkpoint(db, mailbox: "bench")?.lastUID == UInt32(files.count))
        try expectEveryMessageOnce(db, reference: files, book: generated)
    }

    /// The records of `db` (polled, UIDs 1… in file order) equal those of replaying `files`, source by source.
    func expectEveryMessageOnce(_ db: String, reference files: [String], book: String) throws {
        let replayed = try world.database("reference-\(UUID().uuidString)", book: book)
        _ = try replay(replayed, files, name: "bench")
        var uidOfPath: [String: Int] = [:]
        for (index, file) in files.enumerated() { uidOfPath[file] = index + 1 }
        let polled = try world.outcomesWithSources(db) { ref in ref.split(separator: ":").last.flatMap { Int($0) } }
        let reference = try world.outcomesWithSources(replayed) { uidOfPath[$0] }
        #expect(polled.count == reference.count)
        #expect(polled == reference)
    }

    @Test("A changed UIDVALIDITY rescans the mailbox: nothing new is captured, every message is a duplicate")
    func uidValidityReset() throws {
        let messages = PollWorld.fixtures + "/messages"
        try dovecot.load("corporate", "INBOX", [messages])
        let db = try world.database("polled")
        let first = try poll(db, user: "corporate", name: "corporate")
        #expect(first.status == 0, "\(first.err)")
        let before = try #require(try world.checkpoint(db, mailbox: "corporate"))
        let activities = try world.outcomes("activities", db), unmatched = try world.outcomes("unmatched", db)

        try dovecot.resetUIDValidity("corporate")
        let second = try poll(db, user: "corporate", name: "corporate")
        #expect(second.status == 0, "\(second.err)")
        #expect(second.out.contains("UIDVALIDITY changed"))
        #expect(second.out.contains(": 0 activities, 0 unmatched"))
        #expect(PollWorld.messages(in: second.out) == PollWorld.messages(in: first.out))
        let after = try #require(try world.checkpoint(db, mailbox: "corporate"))
        #expect(after.uidValidity != before.uidValidity)
        #expect(after.lastUID == before.lastUID)
        #expect(try world.outcomes("activities", db) == activities)
        #expect(try world.outcomes("unmatched", db) == unmatched)
        #expect(PollWorld.messages(in: try poll(db, user: "corporate", name: "corporate").out) == 0)
    }

    @Test("After-actions on the server: seen sets \\Seen, move:FOLDER moves, none leaves unseen mail unseen")
    func afterActions() throws {
        let files = Array(try PollWorld.files(in: PollWorld.fixtures + "/messages", prefix: "bulk-").prefix(6))
        try dovecot.load("corporate", "INBOX", files)
        try dovecot.load("bcc", "INBOX", files)
        try dovecot.load("bcc", "Archive", [files[0]]) // the folder exists
        try dovecot.load("bench", "INBOX", files)
        let db = try world.database("polled")

        #expect(try poll(db, user: "corporate", ["--after", "seen"]).status == 0)
        let corporate = try ServerSession.open(dovecot, user: "corporate", folder: "INBOX")
        for uid in try corporate.uids(after: MessageUID(0)) { #expect(try corporate.isSeen(uid), "UID \(uid)") }

        #expect(try poll(db, user: "bcc", ["--after", "move:Archive"]).status == 0)
        #expect(try ServerSession.open(dovecot, user: "bcc", folder: "INBOX").status().messages == 0)
        #expect(try ServerSession.open(dovecot, user: "bcc", folder: "Archive").status().messages == files.count + 1)

        let bench = try ServerSession.open(dovecot, user: "bench", folder: "INBOX")
        try bench.setSeen(true, MessageUID(2)) // read by someone before the poll
        #expect(try poll(db, user: "bench", ["--after", "none"]).status == 0)
        let check = try ServerSession.open(dovecot, user: "bench", folder: "INBOX")
        let uids = try check.uids(after: MessageUID(0))
        #expect(uids.count == files.count)
        for uid in uids { #expect(try check.isSeen(uid) == (uid == MessageUID(2)), "UID \(uid)") }
    }

    @Test("A wrong password: exit 1 naming the reason, never the password; a password file others can read: exit 2")
    func credentials() throws {
        try dovecot.load("corporate", "INBOX", Array(try PollWorld.files(in: PollWorld.fixtures + "/messages").prefix(2)))
        let db = try world.database("polled")
        let wrong = world.path("wrong.password")
        try Data("not-the-password-4711".utf8).write(to: URL(fileURLWithPath: wrong))
        chmod(wrong, 0o600)
        let denied = try poll(db, user: "corporate", passwordFile: wrong)
        #expect(denied.status == 1)
        #expect(denied.err.contains("auth"), "\(denied.err)")
        #expect(!denied.err.contains("not-the-password-4711") && !denied.out.contains("not-the-password-4711"))

        let open = world.path("open.password")
        try Data(try dovecot.password("corporate").utf8).write(to: URL(fileURLWithPath: open))
        chmod(open, 0o644)
        let refused = try poll(db, user: "corporate", passwordFile: open)
        #expect(refused.status == 2)
        #expect(refused.err.contains("--password-file") && refused.err.contains(open))
        #expect(!refused.err.contains(try dovecot.password("corporate")))
        #expect(try world.checkpoint(db, mailbox: "corporate@127.0.0.1/INBOX") == nil)
    }

    @Test("The server goes away mid-poll: the error is reported; after a restart the next poll loses and doubles nothing")
    func serverStoppedMidPoll() throws {
        let generated = try world.generate("world", count: 1_000)
        let files = try PollWorld.files(in: generated + "/messages")
        try dovecot.load("bench", "INBOX", [generated + "/messages"])
        let db = try world.database("polled", book: generated)

        let pid = try PollCommandLine.start(arguments(db, user: "bench", name: "bench"), logs: world.directory, name: "cut")
        var stopped = false
        var ended: Spawn.Termination?
        while ended == nil {
            if let checkpoint = try world.checkpoint(db, mailbox: "bench"), checkpoint.lastUID >= 50 {
                try dovecot.crash()
                stopped = true
                ended = Spawn.wait(pid)
                break
            }
            ended = Spawn.ended(pid)
            usleep(5_000)
        }
        try #require(stopped, "the poll ended before the server went away")
        let err = try String(contentsOfFile: world.path("cut.err"), encoding: .utf8)
        #expect(ended == .exited(1))
        #expect(err.contains("poll of bench failed"), "\(err)")

        try dovecot.start()
        let again = try poll(db, user: "bench", name: "bench")
        #expect(again.status == 0, "\(again.err)")
        #expect(try world.checkpoint(db, mailbox: "bench")?.lastUID == UInt32(files.count))
        try expectEveryMessageOnce(db, reference: files, book: generated)
    }

    @Test("Without --once it polls until SIGTERM, then commits the message in hand and exits 0")
    func sigtermMidPoll() throws {
        let generated = try world.generate("world", count: 1_000)
        let files = try PollWorld.files(in: generated + "/messages")
        try dovecot.load("bench", "INBOX", [generated + "/messages"])
        let db = try world.database("polled", book: generated)

        let running = arguments(db, user: "bench", name: "bench").filter { $0 != "--once" } + ["--interval-seconds", "1"]
        let pid = try PollCommandLine.start(running, logs: world.directory, name: "service")
        var signalled = false
        var ended: Spawn.Termination?
        while ended == nil {
            if let checkpoint = try world.checkpoint(db, mailbox: "bench"), checkpoint.lastUID >= 50 {
                kill(pid, SIGTERM)
                signalled = true
                ended = Spawn.wait(pid)
                break
            }
            ended = Spawn.ended(pid)
            usleep(5_000)
        }
        try #require(signalled, "the service ended before it was signalled: \(String(describing: ended))")
        #expect(ended == .exited(0))
        let stoppedAt = try #require(try world.checkpoint(db, mailbox: "bench"))

        let again = try poll(db, user: "bench", name: "bench")
        #expect(again.status == 0, "\(again.err)")
        #expect(PollWorld.messages(in: again.out) == files.count - Int(stoppedAt.lastUID))
        try expectEveryMessageOnce(db, reference: files, book: generated)
    }
}
