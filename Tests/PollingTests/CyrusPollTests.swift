import Foundation
import TestSupport
import Testing

/// `crmservice poll` against Cyrus IMAP 3.6, the second real server (issue #15): namespace `INBOX.` with `.`, no
/// folder created on the fly, its own answers.
@Suite(.serialized, .enabled(if: Prerequisite.met(Cyrus.isAvailable && PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs Cyrus (scripts/cyrus install), the built crmservice and sqlite3"))
struct CyrusPollTests {
    @Test("§4 §12 Cyrus: the capture fixtures polled with after move:Archive give the outcomes of replaying them; INBOX.Archive is created once and holds them")
    func fixturesThroughCyrus() throws {
        try Prerequisite.require(Cyrus.isAvailable, Cyrus.missing)
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        let cyrus = try Cyrus()
        let world = try PollWorld()
        let taken = try cyrus.load("corporate", "INBOX", [PollWorld.fixtures + "/messages"])
        #expect(taken.count > 200, "Cyrus took \(taken.count) fixtures")

        let polled = try world.database("polled")
        let arguments = ["poll", "--once", "--db", polled, "--url", cyrus.url("INBOX", tls: false), "--user", "corporate",
                         "--password-file", cyrus.passwordFile("corporate"), "--cacert", cyrus.cacert,
                         "--mailbox-name", "corporate", "--after", "move:Archive"]
        let ran = try PollCommandLine.run(arguments)
        #expect(ran.status == 0, "\(ran.err)")
        #expect(PollWorld.messages(in: ran.out) == taken.count)
        #expect(ran.err.components(separatedBy: "created the after-action's folder").count - 1 == 1, "\(ran.err)")
        #expect(ran.err.contains("imap.folder=INBOX.Archive"), "\(ran.err)")
        #expect(!ran.err.contains("after-action failed"), "\(ran.err)")

        let replayed = try world.database("replayed")
        let replay = try PollCommandLine.run(["replay"] + taken + ["--db", replayed, "--mailbox-name", "corporate"])
        #expect(replay.status == 0, "\(replay.err)")
        #expect(PollWorld.counts(in: ran.out) == PollWorld.counts(in: replay.out))
        #expect(try world.outcomes("activities", polled) == world.outcomes("activities", replayed))
        #expect(try world.outcomes("unmatched", polled) == world.outcomes("unmatched", replayed))

        // INBOX is empty now (MOVE), and polling INBOX.Archive finds every message there, as duplicates.
        let again = try PollCommandLine.run(["poll", "--once", "--db", polled, "--url", cyrus.url("INBOX.Archive"),
                                             "--user", "corporate", "--password-file", cyrus.passwordFile("corporate"),
                                             "--cacert", cyrus.cacert, "--mailbox-name", "archive", "--after", "none"])
        #expect(again.status == 0, "\(again.err)")
        #expect(PollWorld.messages(in: again.out) == taken.count)
        #expect(PollWorld.messages(in: try PollCommandLine.run(arguments).out) == 0)
    }
}
