import Foundation
import TestSupport

/// The scripted IMAPS server (`scripted-imap-server.py`) for one test, with one of its faults, and `crmservice poll`
/// arguments for its INBOX.
struct ScriptedServer {
    let world: PollWorld
    let serverDirectory: String
    let server: pid_t
    let port: String

    /// Starts the scripted server with `fault` (see the script).
    init(fault: String) throws {
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
        world = try PollWorld()
        serverDirectory = world.path("server")
        try FileManager.default.createDirectory(atPath: serverDirectory, withIntermediateDirectories: true)
        let script = PollWorld.repository.appendingPathComponent("Tests/PollingTests/Support/scripted-imap-server.py")
        let message = PollWorld.repository.appendingPathComponent("Fixtures/mail/01-incoming-customer.eml")
        server = try Spawn.start(["/usr/bin/python3", script.path, serverDirectory, message.path, "--fault", fault],
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

    /// `crmservice poll --once` arguments for the scripted server's INBOX as mailbox `scripted`.
    func pollArguments(_ db: String) -> [String] {
        let password = world.path("password")
        FileManager.default.createFile(atPath: password, contents: Data("secret-word".utf8),
                                       attributes: [.posixPermissions: 0o600])
        return ["poll", "--once", "--db", db, "--url", "imaps://127.0.0.1:\(port)/INBOX", "--user", "crm",
                "--password-file", password, "--cacert", serverDirectory + "/cert.pem", "--mailbox-name", "scripted"]
    }
}
