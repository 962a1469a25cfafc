import Foundation
import TestSupport
import Testing

/// Faults that a real Dovecot cannot be made to produce on demand, from a scripted IMAPS server
/// (`Support/scripted-imap-server.py`): an unsolicited FETCH (a flag update) before the literal of the message
/// being fetched (issue #4, "Faults"); a search answer cut as libcurl cuts a long line (issue #9, §12).
@Suite(.serialized, .enabled(if: Prerequisite.met(PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs the built crmservice and sqlite3"))
struct ScriptedServerFaultTests {
    // With libcurl's URL fetch the unsolicited FETCH failed the poll as a protocol error (the retry captured the
    // message). Our own reader (PeekConnection) takes the FETCH that carries the UID and the literal and passes over
    // the flag update: the first poll captures the message, once.
    @Test("An unsolicited FETCH before the literal is passed over: the message is captured once, by the first poll")
    func unsolicitedFetchBeforeTheLiteral() throws {
        let scripted = try ScriptedServer(fault: "unsolicited-fetch")
        defer { scripted.stopServer() }
        let world = scripted.world
        let db = try world.database("scripted")
        let arguments = scripted.pollArguments(db)

        let first = try PollCommandLine.run(arguments)
        #expect(first.status == 0, "\(first.err)")
        #expect(!first.err.contains("secret-word"))
        #expect(PollWorld.messages(in: first.out) == 1)
        let captured = try world.outcomes("activities", db) + world.outcomes("unmatched", db)
        #expect(captured.count == 1)
        #expect(try world.checkpoint(db, mailbox: "scripted")?.lastUID == 1)
        #expect(try world.checkpoint(db, mailbox: "scripted")?.uidValidity == 7)

        let second = try PollCommandLine.run(arguments)
        #expect(second.status == 0, "\(second.err)")
        #expect(PollWorld.messages(in: second.out) == 0)
        #expect(try world.outcomes("activities", db) + world.outcomes("unmatched", db) == captured)

        // One fetch of UID 1 in all, with BODY.PEEK[] in the EXAMINEd folder.
        let commands = try String(contentsOfFile: scripted.serverDirectory + "/commands", encoding: .utf8)
        #expect(commands.components(separatedBy: "\n").filter { $0.hasSuffix("UID FETCH 1 BODY.PEEK[]") }.count == 1)
        #expect(commands.contains("EXAMINE \"INBOX\""))
    }

    @Test("§12 the checkpoint never passes a UID the SEARCH answer did not account for: an ESEARCH cut in its middle (ALL 1:2,5, COUNT 5) fails the poll as a protocol error, nothing captured, no checkpoint; the retry captures all five")
    func cutSearchAnswerIsAnError() throws {
        let scripted = try ScriptedServer(fault: "cut-esearch")
        defer { scripted.stopServer() }
        let world = scripted.world
        let db = try world.database("scripted")
        let arguments = scripted.pollArguments(db)

        let first = try PollCommandLine.run(arguments)
        #expect(first.status == 1)
        #expect(first.err.contains("protocol"), "\(first.err)")
        #expect(first.err.contains("COUNT"), "\(first.err)")
        #expect(try world.outcomes("activities", db).isEmpty)
        #expect(try world.outcomes("unmatched", db).isEmpty)
        #expect(try world.checkpoint(db, mailbox: "scripted") == nil)

        let second = try PollCommandLine.run(arguments)
        #expect(second.status == 0, "\(second.err)")
        #expect(PollWorld.messages(in: second.out) == 5)
        let refs = try ["activities", "unmatched"].flatMap { try world.export($0, db) }
            .flatMap { $0["sources"] as? [[String: Any]] ?? [] }.compactMap { $0["ref"] as? String }
        #expect(refs.sorted() == (1...5).map { "7:\($0)" })
        #expect(try world.checkpoint(db, mailbox: "scripted")?.lastUID == 5)
    }
}
