import Foundation
import Testing
import TestSupport

/// §12: answers of a hostile IMAPS server (`Support/hostile-imap-server.py`) that a real server cannot be made to
/// send: they must not make the poller allocate without bound.
@Suite(.serialized, .enabled(if: Prerequisite.met(PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs the built crmservice and sqlite3"))
struct HostileServerTests {
    let world: PollWorld
    init() throws {
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        world = try PollWorld()
    }

    /// Starts the server in `mode`; returns its directory, port and pid.
    func start(_ mode: String) throws -> (directory: String, port: String, pid: pid_t) {
        let directory = world.path("server-\(mode)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let script = PollWorld.repository.appendingPathComponent("Tests/PollingTests/Support/hostile-imap-server.py")
        let pid = try Spawn.start(["python3", script.path, directory, mode],
                                  stdout: world.path("\(mode).out"), stderr: world.path("\(mode).err"))
        for _ in 0..<100 {
            if let port = try? String(contentsOfFile: directory + "/port", encoding: .utf8) { return (directory, port, pid) }
            usleep(100_000)
        }
        kill(pid, SIGKILL)
        _ = Spawn.wait(pid)
        throw PollWorld.CommandFailed(arguments: ["hostile-imap-server.py", mode], status: -1,
                                      err: (try? String(contentsOfFile: world.path("\(mode).err"), encoding: .utf8)) ?? "")
    }

    func stop(_ server: (directory: String, port: String, pid: pid_t)) {
        FileManager.default.createFile(atPath: server.directory + "/stop", contents: nil)
        _ = Spawn.wait(server.pid)
    }

    func poll(_ server: (directory: String, port: String, pid: pid_t), db: String, _ extra: [String] = []) throws
        -> (status: Int32, out: String, err: String) {
        let password = world.path("password")
        FileManager.default.createFile(atPath: password, contents: Data("secret-word".utf8),
                                       attributes: [.posixPermissions: 0o600])
        return try PollCommandLine.run(["poll", "--once", "--db", db, "--url", "imaps://127.0.0.1:\(server.port)/INBOX",
                                        "--user", "crm", "--password-file", password, "--cacert",
                                        server.directory + "/cert.pem", "--mailbox-name", "hostile"] + extra)
    }

    @Test("§12 an ESEARCH answer of 1:4294967295 fails the poll as a protocol error instead of expanding it")
    func hugeSet() throws {
        let server = try start("huge-set")
        defer { stop(server) }
        let db = try world.database("hostile")
        let polled = try poll(server, db: db)
        #expect(polled.status == 1)
        #expect(polled.err.contains("protocol") && polled.err.contains("a cut or partial answer"), "\(polled.err)")
        #expect(try world.checkpoint(db, mailbox: "hostile") == nil)
    }

    @Test("§12 a literal that announces 99,999,999,999 bytes is cut at capture.max_message_bytes: too_large with its header")
    func hugeLiteral() throws {
        let server = try start("huge-literal")
        defer { stop(server) }
        let db = try world.database("hostile")
        let polled = try poll(server, db: db, ["--max-message-bytes", "200000"])
        #expect(polled.status == 0, "\(polled.err)")
        #expect(polled.out.contains("too_large 1"), "\(polled.out)")
        let raw = try Spawn.run(["/usr/bin/sqlite3", "-readonly", db, "SELECT length(raw) FROM message_copies"])
        #expect(raw.out.trimmingCharacters(in: .whitespacesAndNewlines) == "124") // the header section, nothing more
        let audit = try Spawn.run(["/usr/bin/sqlite3", "-readonly", db, "SELECT audit FROM unmatched"]).out
        #expect(audit.contains("over capture.max_message_bytes (200000)"), "\(audit)")
        #expect(try world.checkpoint(db, mailbox: "hostile")?.lastUID == 1)
    }

    @Test("§12 a header section that announces 99,999,999,999 bytes is refused before it is read: a protocol error")
    func hugeHeader() throws {
        let server = try start("huge-header")
        defer { stop(server) }
        let db = try world.database("hostile")
        let polled = try poll(server, db: db, ["--max-message-bytes", "200000"])
        #expect(polled.status == 1)
        #expect(polled.err.contains("protocol") && polled.err.contains("99999999999 bytes"), "\(polled.err)")
        #expect(try world.checkpoint(db, mailbox: "hostile") == nil)
    }
}
