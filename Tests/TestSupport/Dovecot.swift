import Foundation
import Synchronization

/// A throwaway Dovecot through `scripts/dovecot` (start, add-user, load, fill, reset-uidvalidity, stop): the one IMAP
/// server harness of every test target. Users `corporate`, `bcc` and `bench` exist from the start, more come from
/// `makeUser`; passwords in `DIR/USER.password` (0600), the CA in `DIR/ca.pem`.
///
/// Two ways to get one: `Dovecot.shared()`, one per test process, stopped when it exits (tests that run in parallel
/// each take a fresh user); `Dovecot()`, one for a test alone (it restarts, crashes or narrows the server), stopped when
/// released. Missing Dovecot: guard the test with `Prerequisite.met(Dovecot.isAvailable)` and
/// `try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)`, which skips locally and fails under CI.
public final class Dovecot: @unchecked Sendable {
    /// The repository root (found from this file's path: Tests/TestSupport/Dovecot.swift).
    public static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    public static let script = repository.appendingPathComponent("scripts/dovecot").path

    /// Whether the tests can start one (the script and the dovecot binary exist).
    public static var isAvailable: Bool {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/sbin", "/usr/local/sbin"]
        return FileManager.default.isExecutableFile(atPath: script)
            && paths.contains { FileManager.default.isExecutableFile(atPath: "\($0)/dovecot") }
    }

    /// What a test that needs it reports when it is missing.
    public static let missing = "Dovecot (dovecot-imapd; scripts/setup installs it)"

    /// Dovecot 2.3's capabilities after login, for `Dovecot(imapCapability:)`.
    public static let defaultCapabilities = """
        IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS \
        THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED \
        I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE \
        SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY
        """.split(separator: " ").map(String.init)

    /// Dovecot's capabilities without `removed` (as an `imap_capability` value).
    public static func capabilities(without removed: Set<String>) -> String {
        defaultCapabilities.filter { !removed.contains($0) }.joined(separator: " ")
    }

    /// How an instance differs from a stock Dovecot, to stand for other servers (issue #15).
    public struct Options: Sendable, Equatable, CustomStringConvertible {
        /// `imap_capability`: what it announces after login; nil for Dovecot's own.
        public var imapCapability: String?
        /// The personal namespace's prefix and separator (`INBOX.` and `.` as Courier and Cyrus); nil for `""`, `/`.
        public var namespace: (prefix: String, separator: String)?
        /// An ACL (the acl plugin) that refuses CREATE (`NO [NOPERM]`) to every user.
        public var denyCreate: Bool

        public init(imapCapability: String? = nil, namespace: (prefix: String, separator: String)? = nil,
                    denyCreate: Bool = false) {
            self.imapCapability = imapCapability
            self.namespace = namespace
            self.denyCreate = denyCreate
        }

        /// As Courier IMAP 5 announces itself: no ESEARCH, no MOVE, UIDPLUS.
        public static let courierCapabilities = Dovecot.capabilities(without: ["ESEARCH", "MOVE"])
        /// As an old server: no ESEARCH, no MOVE, no UIDPLUS.
        public static let oldServerCapabilities = Dovecot.capabilities(without: ["ESEARCH", "MOVE", "UIDPLUS"])

        public static func == (a: Options, b: Options) -> Bool {
            a.imapCapability == b.imapCapability && a.namespace?.prefix == b.namespace?.prefix
                && a.namespace?.separator == b.namespace?.separator && a.denyCreate == b.denyCreate
        }

        public var description: String {
            var parts: [String] = []
            if imapCapability == Self.courierCapabilities { parts.append("Courier's capabilities") }
            else if imapCapability == Self.oldServerCapabilities { parts.append("an old server's capabilities") }
            else if imapCapability != nil { parts.append("narrowed capabilities") }
            if let namespace { parts.append("namespace \"\(namespace.prefix)\" \"\(namespace.separator)\"") }
            if denyCreate { parts.append("CREATE denied") }
            return parts.isEmpty ? "stock Dovecot" : "Dovecot with " + parts.joined(separator: ", ")
        }

        var arguments: [String] {
            var arguments: [String] = []
            if let imapCapability { arguments += ["--imap-capability", imapCapability] }
            if let namespace { arguments += ["--namespace-prefix", namespace.prefix, "--separator", namespace.separator] }
            if denyCreate { arguments.append("--deny-create") }
            return arguments
        }
    }

    public let directory: URL
    public private(set) var imapPort = 0
    public private(set) var imapsPort = 0
    public let options: Options
    /// `imap_capability` of this instance, nil for Dovecot's own.
    public var imapCapability: String? { options.imapCapability }
    private let stopWithProcess: Bool

    /// A Dovecot for one test, stopped and removed when released; `imapCapability` narrows what it announces after
    /// login (e.g. `Dovecot.capabilities(without: ["MOVE"])`).
    public convenience init(imapCapability: String? = nil) throws {
        try self.init(options: Options(imapCapability: imapCapability))
    }

    /// A Dovecot for one test that behaves like another server (`Options`), stopped and removed when released.
    public convenience init(options: Options) throws {
        try self.init(prefix: "dovecot", options: options, stopWithProcess: false)
    }

    private init(prefix: String, options: Options, stopWithProcess: Bool) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        self.options = options
        self.stopWithProcess = stopWithProcess
        try start()
    }

    deinit {
        _ = try? Self.script(["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// The process-wide instance, started on first use and stopped when the process exits (or, should it die without
    /// running `atexit`, by the watcher `--stop-with` leaves).
    public static func shared() throws -> Dovecot { try sharedInstance.get() }

    private static let sharedInstance: Result<Dovecot, DovecotFailed> = {
        guard isAvailable else { return .failure(DovecotFailed(message: "missing prerequisite: \(missing)")) }
        do {
            let server = try Dovecot(prefix: "dovecot-shared-\(getpid())", options: Options(), stopWithProcess: true)
            sharedDirectory.withLock { $0 = server.directory.path }
            atexit {
                guard let dir = Dovecot.sharedDirectory.withLock({ $0 }) else { return }
                _ = try? Dovecot.script(["stop", dir])
                try? FileManager.default.removeItem(atPath: dir)
            }
            return .success(server)
        } catch let error as DovecotFailed {
            return .failure(error)
        } catch {
            return .failure(DovecotFailed(message: "\(error)"))
        }
    }()

    private static let sharedDirectory = Mutex<String?>(nil)

    public var cacert: String { directory.appendingPathComponent("ca.pem").path }
    public func passwordFile(_ user: String) -> String { directory.appendingPathComponent("\(user).password").path }
    public func password(_ user: String) throws -> String {
        try String(contentsOfFile: passwordFile(user), encoding: .utf8)
    }

    /// `imaps://127.0.0.1:PORT/FOLDER`, or `imap://` (STARTTLS) on the plain port; the folder percent-encoded by the
    /// caller.
    public func url(_ folder: String = "INBOX", tls: Bool = true) -> String {
        tls ? "imaps://127.0.0.1:\(imapsPort)/\(folder)" : "imap://127.0.0.1:\(imapPort)/\(folder)"
    }

    /// Starts it (again, on the same ports after `stop` or `crash`).
    public func start() throws {
        var arguments = ["start", directory.path]
        if imapPort != 0 { arguments += ["--imap-port", "\(imapPort)", "--imaps-port", "\(imapsPort)"] }
        if stopWithProcess { arguments += ["--stop-with", "\(getpid())"] }
        arguments += options.arguments
        let output = try Self.script(arguments)
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "IMAP_PORT" { imapPort = Int(parts[1]) ?? 0 }
            if parts[0] == "IMAPS_PORT" { imapsPort = Int(parts[1]) ?? 0 }
        }
        guard imapPort != 0, imapsPort != 0 else {
            throw DovecotFailed(message: "scripts/dovecot start printed no ports: \(output)")
        }
    }

    public func stop() throws { try Self.script(["stop", directory.path]) }

    /// Kills every process of the instance at once (SIGKILL to the master's process group): connections drop
    /// mid-command, as when the server crashes. `start()` brings it back on the same ports.
    ///
    /// Where no init reaps orphans (a container), the killed processes stay zombies and a dotlock they held (e.g.
    /// `dovecot-uidlist.lock`) still names a "living" pid, so the restarted server would wait minutes for it; a reaped
    /// crash lets Dovecot override such a lock at once. The locks are removed here to stand for that.
    public func crash() throws {
        let pidFile = directory.appendingPathComponent("run/master.pid").path
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return }
        kill(-pid, SIGKILL)
        var tries = 0
        while Self.isAlive(pid), tries < 500 {
            usleep(10_000)
            tries += 1
        }
        unlink(pidFile)
        let mail = directory.appendingPathComponent("mail")
        if let files = FileManager.default.enumerator(atPath: mail.path) {
            for case let file as String in files where file.hasSuffix(".lock") {
                try? FileManager.default.removeItem(at: mail.appendingPathComponent(file))
            }
        }
    }

    /// Whether `pid` runs (a zombie does not).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// A new user `PREFIX<random>` with a random password.
    public func makeUser(_ prefix: String) throws -> (name: String, password: String) {
        let name = "\(prefix)\(UInt32.random(in: 0...UInt32.max))"
        try Self.script(["add-user", directory.path, name])
        return (name, try password(name))
    }

    /// Loads `.eml` files or directories of them into `user`'s `folder`, UIDs in the order given.
    public func load(_ user: String, _ folder: String = "INBOX", _ paths: [String]) throws {
        try Self.script(["load", directory.path, user, folder] + paths)
    }

    /// Writes `count` tiny messages with UIDs `uidStep`, 2 × `uidStep`, … straight into `user`'s new `folder` (the
    /// UIDs between are as if expunged); fast enough for 100,000 messages.
    public func fill(_ user: String, _ folder: String = "INBOX", count: Int, uidStep: Int = 1) throws {
        try Self.script(["fill", directory.path, user, folder, "\(count)", "--uid-step", "\(uidStep)"])
    }

    public func resetUIDValidity(_ user: String, _ folder: String = "INBOX") throws {
        try Self.script(["reset-uidvalidity", directory.path, user, folder])
    }

    /// Sends one IMAP command as `user` in `folder` (selected first; percent-encoded by the caller) through the curl
    /// tool, as another client of the mailbox would (e.g. `UID STORE 2 +FLAGS (\\Deleted)`); the untagged answer.
    @discardableResult
    public func imap(_ user: String, _ folder: String = "INBOX", _ command: String) throws -> String {
        // The password goes through a config file, never the command line.
        let config = directory.appendingPathComponent("curl-\(UUID().uuidString).config").path
        let quotedUser = "\(user):\(try password(user))".replacingOccurrences(of: "\"", with: "\\\"")
        guard FileManager.default.createFile(atPath: config, contents: Data("user = \"\(quotedUser)\"\n".utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw DovecotFailed(message: "cannot write \(config)")
        }
        defer { unlink(config) }
        let ran = try Spawn.run(["curl", "--silent", "--show-error", "--config", config, "--cacert", cacert,
                                 url(folder), "--request", command])
        guard ran.termination == .exited(0) else {
            throw DovecotFailed(message: "curl \(command) as \(user) in \(folder) \(ran.termination): \(ran.err)")
        }
        return ran.out
    }

    /// Runs the script to its end; its standard output.
    @discardableResult
    public static func script(_ arguments: [String]) throws -> String {
        let ran = try Spawn.run([script] + arguments)
        guard ran.termination == .exited(0) else {
            throw DovecotFailed(message: "scripts/dovecot \(arguments.joined(separator: " ")) \(ran.termination): "
                + ran.err)
        }
        return ran.out
    }

    /// `scripts/dovecot` failed, or Dovecot is missing.
    public struct DovecotFailed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
