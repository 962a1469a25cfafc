import StoreTestSupport
import AdminHTTP
import CRMCore
import Foundation
import Glibc
import Store
import TestSupport
import Testing

/// `admin passwd` on a real terminal (a pseudo-terminal): the password is asked twice and never echoed (§8).
@Suite("§8 admin passwd on a terminal",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct AdminPasswdTerminalTests {
    let directory: URL
    var db: String { directory.appendingPathComponent("cli.sqlite").path }

    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("adminpty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let users = directory.appendingPathComponent("users.csv").path
        try "id,name,email\nanna,Anna Berg,anna@example.com\n".write(toFile: users, atomically: true, encoding: .utf8)
        #expect(try Spawn.run([CommandLine.binary, "import", "users", users, "--db", db]).status == 0)
    }

    @Test("§8 the password typed twice without echo is stored as its hash")
    func noEcho() throws {
        let session = try TerminalSession([CommandLine.binary, "admin", "passwd", "anna", "--db", db])
        try session.answer(after: "New password: ", with: "terminal secret 1")
        try session.answer(after: "Again: ", with: "terminal secret 1")
        let (status, screen) = try session.finish()
        #expect(status == 0)
        #expect(screen.contains("password of anna set"))
        #expect(!screen.contains("terminal secret"))
        let hash = try #require(try TestStore.open(path: db).passwordHash(of: UserID("anna")))
        #expect(BcryptPasswordHashing().verify("terminal secret 1", against: hash))
    }

    @Test("§8 two entries that differ are exit 2 and nothing is stored")
    func differ() throws {
        let session = try TerminalSession([CommandLine.binary, "admin", "passwd", "anna", "--db", db])
        try session.answer(after: "New password: ", with: "terminal secret 1")
        try session.answer(after: "Again: ", with: "terminal secret 2")
        let (status, screen) = try session.finish()
        #expect(status == 2)
        #expect(screen.contains("the two passwords differ"))
        #expect(try TestStore.open(path: db).passwordHash(of: UserID("anna")) == nil)
    }
}

extension AdminPasswdTerminalTests {
    @Test("§8 an interrupt (SIGINT, as Ctrl-C sends) at the password prompt ends the command and gives the terminal its echo back")
    func interrupted() throws {
        let session = try TerminalSession([CommandLine.binary, "admin", "passwd", "anna", "--db", db])
        try session.answer(after: "New password: ", with: "terminal secret 1")
        try session.interrupt(after: "Again: ")
        #expect(try session.echoIsOn())
        let (status, _) = try session.finish()
        #expect(status != 0)
        #expect(try TestStore.open(path: db).passwordHash(of: UserID("anna")) == nil)
    }
}

/// A child process whose standard input, output and error are the slave side of a pseudo-terminal; the test reads
/// the screen and types on the master side.
final class TerminalSession {
    private var master: Int32
    let pid: pid_t
    private(set) var screen: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        var step: String
        var screen: String
        var description: String { "\(step); screen so far: \(screen)" }
    }

    init(_ arguments: [String]) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw Failure(step: "openpty", screen: "") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        // The child starts as from a shell: no signal blocked or ignored (the test runner's threads may block some,
        // and a blocked SIGINT would never reach it).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(slave)
        guard rc == 0 else { close(master); throw Failure(step: "posix_spawn \(rc)", screen: "") }
        self.master = master
        self.pid = pid
    }

    deinit { if master >= 0 { close(master) } }

    /// Reads the screen until it ends with `prompt`, then types `line` and Return.
    func answer(after prompt: String, with line: String) throws {
        while !String(decoding: screen, as: UTF8.self).hasSuffix(prompt) {
            guard readMore() else {
                throw Failure(step: "no prompt \(prompt)", screen: String(decoding: screen, as: UTF8.self))
            }
        }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads the screen until it ends with `prompt`, then sends the child SIGINT (what Ctrl-C sends to the foreground
    /// process of its controlling terminal; the child has none, being spawned without a session of its own), and
    /// waits until it has ended.
    func interrupt(after prompt: String) throws {
        while !String(decoding: screen, as: UTF8.self).hasSuffix(prompt) {
            guard readMore() else {
                throw Failure(step: "no prompt \(prompt)", screen: String(decoding: screen, as: UTF8.self))
            }
        }
        kill(pid, SIGINT)
        exitStatus = Spawn.wait(pid).exitStatus
    }

    /// Whether the terminal echoes typed characters (the child's settings are the pseudo-terminal's own).
    func echoIsOn() throws -> Bool {
        var settings = termios()
        guard tcgetattr(master, &settings) == 0 else { throw Failure(step: "tcgetattr", screen: "") }
        return settings.c_lflag & tcflag_t(ECHO) != 0
    }

    private var exitStatus: Int32?

    /// Reads the rest of the screen and waits for the child. Hanging up first ends a child still waiting for input,
    /// so that a broken command fails the test instead of hanging it.
    func finish() throws -> (status: Int32, screen: String) {
        while readMore() {}
        close(master)
        master = -1
        return (exitStatus ?? Spawn.wait(pid).exitStatus, String(decoding: screen, as: UTF8.self))
    }

    /// One read; false at the end (EIO once the child closed the terminal) or after a minute of silence.
    private func readMore() -> Bool {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 60_000) == 1 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        screen += buffer.prefix(count)
        return true
    }
}

private extension Spawn.Termination {
    var exitStatus: Int32 {
        switch self {
        case .exited(let status): status
        case .signalled(let signal): 128 + signal
        }
    }
}
