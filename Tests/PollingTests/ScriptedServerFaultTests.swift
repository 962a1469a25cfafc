import Foundation
import Testing

/// A fault that a real Dovecot cannot be made to produce on demand, from a scripted IMAPS server
/// (`Support/scripted-imap-server.py`): an unsolicited FETCH (a flag update) before the literal of the message
/// being fetched (issue #4, "Faults").
@Suite(.serialized, .enabled(if: PollCommandLine.isBuilt && PollWorld.hasSQLite3))
struct ScriptedServerFaultTests {
    let world: PollWorld
    let serverDirectory: String
    let server: pid_t
    let port: String

    init() throws {
        world = try PollWorld()
        serverDirectory = world.path("server")
        try FileManager.default.createDirectory(atPath: serverDirectory, withIntermediateDirectories: true)
        let script = PollWorld.repository.appendingPathComponent("Tests/PollingTests/Support/scripted-imap-server.py")
        let message = PollWorld.repository.appendingPathComponent("Fixtures/mail/01-incoming-customer.eml")
        server = try Spawn.start(["python3", script.path, serverDirectory, message.path],
                                 stdout: world.path("server.out"), stderr: world.path("server.err"))
        var port: String?
        for _ in 0..<100 where port == nil {
            port = try? String(contentsOfFile: serverDirectory + "/port", encoding: .utf8)
            if port == nil { usleep(100_000) }
        }
        guard let port else {
            kill(server, SIGKILL)
            _ = Spawn.wait(server)
            throw PollWorld.CommandFailed(arguments: ["scripted-imap-server.py"], status: -1,
                                err: (try? String(contentsOfFile: world.path("server.err"), encoding: .utf8)) ?? "")
        }
        self.port = port
    }

    func stopServer() {
        FileManager.default.createFile(atPath: serverDirectory + "/stop", contents: nil)
        _ = Spawn.wait(server)
    }

    // With libcurl's URL fetch the unsolicited FETCH failed the poll as a protocol error (the retry captured the
    // message). Our own reader (PeekConnection) takes the FETCH that carries the UID and the literal and passes over
    // the flag update: the first poll captures the message, once.
    @Test("An unsolicited FETCH before the literal is passed over: the message is captured once, by the first poll")
    func unsolicitedFetchBeforeTheLiteral() throws {
        defer { stopServer() }
        let db = try world.database("scripted")
        let password = world.path("password")
        FileManager.default.createFile(atPath: password, contents: Data("secret-word".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let arguments = ["poll", "--once", "--db", db, "--url", "imaps://127.0.0.1:\(port)/INBOX", "--user", "crm",
                         "--password-file", password, "--cacert", serverDirectory + "/cert.pem",
                         "--mailbox-name", "scripted"]

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
        let commands = try String(contentsOfFile: serverDirectory + "/commands", encoding: .utf8)
        #expect(commands.components(separatedBy: "\n").filter { $0.hasSuffix("UID FETCH 1 BODY.PEEK[]") }.count == 1)
        #expect(commands.contains("EXAMINE \"INBOX\""))
    }
}
