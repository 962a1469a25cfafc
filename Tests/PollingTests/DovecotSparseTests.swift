import Foundation
import TestSupport
import Testing

/// A mailbox whose UIDs are sparse, polled by the built binary against a real Dovecot (INTERFACE.md §12, issue #9).
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable && PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs Dovecot, the built crmservice and sqlite3"))
struct DovecotSparseTests {
    /// The search itself is proven on 100,000 messages among 200,000 UIDs in `CurlMailboxSessionSearchTests` (seconds);
    /// polling that many here would take minutes (Dovecot renames a Maildir file for every `\\Seen`), so this poll
    /// shows on fewer that what the search found is captured and that the checkpoint lands on the last UID.
    @Test("§12 the checkpoint never passes a UID the SEARCH answer did not account for: a sparse mailbox (3,000 messages among 6,000 UIDs) polled: every message captured, the checkpoint ends at the last UID")
    func sparseMailbox() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        let dovecot = try Dovecot()
        let world = try PollWorld()
        try dovecot.fill("bench", count: 3_000, uidStep: 2)
        let db = try world.database("sparse")
        let ran = try PollCommandLine.run([
            "poll", "--once", "--db", db, "--url", dovecot.url(), "--user", "bench",
            "--password-file", dovecot.passwordFile("bench"), "--cacert", dovecot.cacert, "--mailbox-name", "sparse",
        ])
        #expect(ran.status == 0, "\(ran.err)")
        #expect(PollWorld.messages(in: ran.out) == 3_000, "\(ran.out)")
        #expect(try world.checkpoint(db, mailbox: "sparse")?.lastUID == 6_000)
        let refs = try world.query(db, "SELECT ref FROM sources WHERE mailbox = 'sparse'")
        let uids = Set(refs.compactMap { $0.split(separator: ":").last.flatMap { Int($0) } })
        #expect(refs.count == 3_000)
        #expect(uids == Set(stride(from: 2, through: 6_000, by: 2)))
    }
}
