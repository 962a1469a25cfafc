import Foundation

/// A throwaway Dovecot for one test, through `scripts/dovecot` (start, load, reset-uidvalidity, stop): users
/// `corporate`, `bcc` and `bench` with random passwords in `DIR/USER.password` (0600), CA in `DIR/ca.pem`.
final class Dovecot: @unchecked Sendable {
    static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardizedFileURL
    static let script = repository.appendingPathComponent("scripts/dovecot").path

    /// Whether the tests can start one (the script and the dovecot binary exist).
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: script)
            && ["/usr/sbin/dovecot", "/usr/bin/dovecot", "/usr/local/sbin/dovecot"].contains {
                FileManager.default.isExecutableFile(atPath: $0)
            }
    }

    let directory: URL
    private(set) var imapPort = 0
    private(set) var imapsPort = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("polldovecot-\(UUID().uuidString)")
        try start()
    }

    deinit {
        try? Self.script(["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    var cacert: String { directory.appendingPathComponent("ca.pem").path }
    func passwordFile(_ user: String) -> String { directory.appendingPathComponent("\(user).password").path }
    func password(_ user: String) throws -> String { try String(contentsOfFile: passwordFile(user), encoding: .utf8) }

    /// `imaps://127.0.0.1:PORT/FOLDER`.
    func url(_ folder: String = "INBOX", tls: Bool = true) -> String {
        tls ? "imaps://127.0.0.1:\(imapsPort)/\(folder)" : "imap://127.0.0.1:\(imapPort)/\(folder)"
    }

    /// Starts it (again, on the same ports after `stop`).
    func start() throws {
        var arguments = ["start", directory.path]
        if imapPort != 0 { arguments += ["--imap-port", "\(imapPort)", "--imaps-port", "\(imapsPort)"] }
        try Self.script(arguments)
        let env = try String(contentsOf: directory.appendingPathComponent("env"), encoding: .utf8)
        for line in env.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "IMAP_PORT" { imapPort = Int(parts[1]) ?? 0 }
            if parts[0] == "IMAPS_PORT" { imapsPort = Int(parts[1]) ?? 0 }
        }
    }

    func stop() throws { try Self.script(["stop", directory.path]) }

    /// Kills every process of the instance at once (SIGKILL to the master's process group): connections drop mid-command,
    /// as when the server crashes. `start()` brings it back on the same ports.
    ///
    /// Where no init reaps orphans (a container), the killed processes stay zombies and a dotlock they held (e.g.
    /// `dovecot-uidlist.lock`) still names a "living" pid, so the restarted server would wait minutes for it; a reaped
    /// crash lets Dovecot override such a lock at once. The locks are removed here to stand for that.
    func crash() throws {
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
    static func isAlive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Loads `.eml` files or directories of them into `user`'s `folder`, UIDs in the order given.
    func load(_ user: String, _ folder: String = "INBOX", _ paths: [String]) throws {
        try Self.script(["load", directory.path, user, folder] + paths)
    }

    func resetUIDValidity(_ user: String, _ folder: String = "INBOX") throws {
        try Self.script(["reset-uidvalidity", directory.path, user, folder])
    }

    /// Runs the script to its end (through `Spawn`: the Dovecot it starts keeps the descriptors it inherited).
    static func script(_ arguments: [String]) throws {
        let ran = try Spawn.run([script] + arguments)
        guard ran.termination == .exited(0) else {
            throw ScriptFailed(arguments: arguments, termination: ran.termination, err: ran.err)
        }
    }

    struct ScriptFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var termination: Spawn.Termination
        var err: String
        var description: String { "scripts/dovecot \(arguments.joined(separator: " ")) ended \(termination): \(err)" }
    }
}
