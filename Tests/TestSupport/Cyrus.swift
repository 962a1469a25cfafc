import Foundation

/// A throwaway Cyrus IMAP 3.6 through `scripts/cyrus` (Debian's packages unpacked into `.build-cyrus`, never installed:
/// they conflict with dovecot-imapd), run unprivileged on 127.0.0.1, stopped and removed when released: the second
/// real server of the IMAP tests (issue #15). Its personal namespace is `INBOX.` with `.`; it creates no folder on
/// the fly. The user `corporate` exists from the start. Missing: guard the test with
/// `Prerequisite.met(Cyrus.isAvailable)` and `try Prerequisite.require(Cyrus.isAvailable, Cyrus.missing)`.
public final class Cyrus: @unchecked Sendable {
    public static let script = Dovecot.repository.appendingPathComponent("scripts/cyrus").path

    /// Whether the unpacked Cyrus and saslpasswd2 are there (`scripts/cyrus available`).
    public static var isAvailable: Bool {
        guard FileManager.default.isExecutableFile(atPath: script),
              let ran = try? Spawn.run([script, "available"]) else { return false }
        return ran.termination == .exited(0)
    }

    public static let missing = "Cyrus IMAP unpacked by scripts/cyrus install (scripts/setup runs it) and sasl2-bin"

    public let directory: URL
    public private(set) var imapPort = 0
    public private(set) var imapsPort = 0

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cyrus-\(UUID().uuidString)")
        let output = try Self.script(["start", directory.path])
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "IMAP_PORT" { imapPort = Int(parts[1]) ?? 0 }
            if parts[0] == "IMAPS_PORT" { imapsPort = Int(parts[1]) ?? 0 }
        }
        guard imapPort != 0, imapsPort != 0 else {
            throw Dovecot.DovecotFailed(message: "scripts/cyrus start printed no ports: \(output)")
        }
    }

    deinit {
        _ = try? Self.script(["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    public var cacert: String { directory.appendingPathComponent("ca.pem").path }
    public func passwordFile(_ user: String) -> String { directory.appendingPathComponent("\(user).password").path }

    /// `imaps://127.0.0.1:PORT/FOLDER`, or `imap://` (STARTTLS) on the plain port.
    public func url(_ folder: String = "INBOX", tls: Bool = true) -> String {
        tls ? "imaps://127.0.0.1:\(imapsPort)/\(folder)" : "imap://127.0.0.1:\(imapPort)/\(folder)"
    }

    /// APPENDs `.eml` files (directories: sorted) to `user`'s `folder`; the files Cyrus took, in UID order (it
    /// refuses some that Dovecot takes, e.g. one with an invalid header).
    public func load(_ user: String, _ folder: String = "INBOX", _ paths: [String]) throws -> [String] {
        try Self.script(["load", directory.path, user, folder] + paths).split(separator: "\n").map(String.init)
    }

    @discardableResult
    static func script(_ arguments: [String]) throws -> String {
        let ran = try Spawn.run([script] + arguments)
        guard ran.termination == .exited(0) else {
            throw Dovecot.DovecotFailed(message: "scripts/cyrus \(arguments.prefix(2).joined(separator: " ")) "
                                        + "\(ran.termination): \(ran.err)")
        }
        return ran.out
    }
}
