import Foundation
import Synchronization

/// One throwaway Dovecot per test process, started with `scripts/dovecot` in a temporary directory and stopped when the
/// process exits. Self-contained (Foundation only) so that other test targets can reuse it: copy this file, or add it
/// to a target's sources, and call `try DovecotServer.shared()`.
///
/// Tests run in parallel, so each test takes a fresh user (`makeUser`) instead of sharing folders.
final class DovecotServer: Sendable {
    /// The instance's directory (`DOVECOT_DIR`): config, CA, users, mail, log.
    let directory: String
    let imapPort: Int
    let imapsPort: Int
    /// The CA that signed the server's certificate (pass as `--cacert` / `caCertificatePath`).
    let caCertificate: String
    let script: String

    /// The process-wide server, started on first use; throws (with a clear message) when Dovecot is missing.
    static func shared() throws -> DovecotServer { try sharedResult.get() }

    private static let sharedResult: Result<DovecotServer, DovecotFixtureError> = {
        do {
            let server = try DovecotServer.start()
            sharedDirectory.withLock { $0 = server.directory }
            atexit { DovecotServer.stopShared() }
            return .success(server)
        } catch let error as DovecotFixtureError {
            return .failure(error)
        } catch {
            return .failure(DovecotFixtureError(message: "\(error)"))
        }
    }()

    private static let sharedDirectory = Mutex<String?>(nil)

    private static func stopShared() {
        guard let dir = sharedDirectory.withLock({ $0 }) else { return }
        let root = repositoryRoot()
        _ = try? run(["\(root)/scripts/dovecot", "stop", dir])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The repository root, found from this file's path (Tests/IMAPClientTests/DovecotServer.swift).
    static func repositoryRoot(file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("scripts/dovecot").path) {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }

    private init(directory: String, imapPort: Int, imapsPort: Int, caCertificate: String, script: String) {
        self.directory = directory
        self.imapPort = imapPort
        self.imapsPort = imapsPort
        self.caCertificate = caCertificate
        self.script = script
    }

    private static func start() throws -> DovecotServer {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin"
        let hasDovecot = paths.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/dovecot")
        }
        guard hasDovecot else {
            throw DovecotFixtureError(
                message: "dovecot is not installed: the IMAP tests need a real Dovecot (scripts/setup installs "
                    + "dovecot-imapd)")
        }
        let script = "\(repositoryRoot())/scripts/dovecot"
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("crm-dovecot-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        // --stop-with: should the test process die without running atexit, the instance still stops.
        let output = try run([script, "start", dir, "--stop-with", String(getpid())])
        var env: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let kv = line.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { env[String(kv[0])] = String(kv[1]) }
        }
        guard let imap = env["IMAP_PORT"].flatMap(Int.init), let imaps = env["IMAPS_PORT"].flatMap(Int.init),
            let ca = env["CACERT"]
        else { throw DovecotFixtureError(message: "scripts/dovecot start printed no ports: \(output)") }
        return DovecotServer(directory: dir, imapPort: imap, imapsPort: imaps, caCertificate: ca, script: script)
    }

    /// A new user with a random password; returns (name, password).
    func makeUser(_ prefix: String) throws -> (name: String, password: String) {
        let name = "\(prefix)\(UInt32.random(in: 0...UInt32.max))"
        _ = try Self.run([script, "add-user", directory, name])
        return (name, try password(of: name))
    }

    func password(of user: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(user).password", encoding: .utf8)
    }

    /// Puts .eml files (or directories of them) into `user`'s `folder`, UIDs in the order given.
    func load(user: String, folder: String, _ paths: [String]) throws {
        _ = try Self.run([script, "load", directory, user, folder] + paths)
    }

    func resetUIDValidity(user: String, folder: String) throws {
        _ = try Self.run([script, "reset-uidvalidity", directory, user, folder])
    }

    /// `imap://127.0.0.1:P/FOLDER` or `imaps://127.0.0.1:P/FOLDER` (folder percent-encoded by the caller).
    func url(tls: Bool = true, folder: String = "INBOX") -> String {
        tls ? "imaps://127.0.0.1:\(imapsPort)/\(folder)" : "imap://127.0.0.1:\(imapPort)/\(folder)"
    }

    /// Runs a command and returns its standard output; throws with its standard error when it fails.
    ///
    /// posix_spawn + waitpid, not Foundation's Process: on Linux (swift-corelibs-foundation, Swift 6.3) its
    /// `waitUntilExit()` never returns here once the child has exited (the child stays a zombie), at least when
    /// called from a lazy static initializer as `shared()` does.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crm-run-\(UUID().uuidString)")
        let outPath = scratch.path + ".out"
        let errPath = scratch.path + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard rc == 0 else {
            throw DovecotFixtureError(message: "cannot run \(arguments.joined(separator: " ")): errno \(rc)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw DovecotFixtureError(
                message: "\(arguments.joined(separator: " ")) failed (status \(status)): \(err)")
        }
        return out
    }
}

struct DovecotFixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
