import Foundation

/// A throwaway SMTP server through `scripts/smtp-server` (Debian's python3-aiosmtpd on 127.0.0.1): STARTTLS with a
/// self-signed certificate it makes (`cacert`), AUTH LOGIN/PLAIN as `user` with the password in `passwordFile`
/// (0600) or XOAUTH2 with the token in `tokenFile`, every accepted message kept as a file, chosen recipients refused with 550. Stopped and removed when
/// released. Guard a test with `Prerequisite.met(SMTPServer.isAvailable)` and
/// `try Prerequisite.require(SMTPServer.isAvailable, SMTPServer.missing)`.
public final class SMTPServer: @unchecked Sendable {
    public static let script = Dovecot.repository.appendingPathComponent("scripts/smtp-server").path
    public static let python = "/usr/bin/python3"

    /// Whether the tests can start one: the script, Debian's python3 and its aiosmtpd.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: script)
            && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/aiosmtpd/smtp.py")
    }

    public static let missing = "python3-aiosmtpd (scripts/setup installs it)"

    /// One message the server accepted: its bytes as received and its envelope.
    public struct Received: Sendable {
        public var bytes: [UInt8]
        public var mailFrom: String
        public var recipients: [String]
        /// The session had run STARTTLS and logged in when it sent the message.
        public var tls: Bool
        public var authenticated: Bool
    }

    public let directory: URL
    public let user = "digest"
    public private(set) var port = 0
    private var pid: pid_t = 0

    /// Starts a server; `refusing` recipients get 550 at RCPT; `startTLS: false` offers no STARTTLS at all.
    public init(refusing: [String] = [], startTLS: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = [Self.python, Self.script, directory.path]
        for address in refusing { arguments += ["--refuse", address] }
        if !startTLS { arguments.append("--no-starttls") }
        pid = try Spawn.start(arguments, stdout: directory.appendingPathComponent("stdout").path,
                              stderr: directory.appendingPathComponent("stderr").path)
        let portFile = directory.appendingPathComponent("port").path
        for _ in 0..<1000 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                port = value
                return
            }
            if let ended = Spawn.ended(pid) {
                pid = 0
                let err = (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
                throw SMTPServerFailed(message: "scripts/smtp-server \(ended): \(err)")
            }
            usleep(20_000)
        }
        throw SMTPServerFailed(message: "scripts/smtp-server wrote no port within 20 s")
    }

    deinit {
        if pid != 0 {
            // It keeps nothing worth a graceful end; SIGKILL cannot be blocked or ignored.
            kill(pid, SIGKILL)
            _ = Spawn.wait(pid)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    public var cacert: String { directory.appendingPathComponent("cert.pem").path }
    public var passwordFile: String { directory.appendingPathComponent("password").path }
    /// The OAuth 2 bearer token (0600) that AUTH XOAUTH2 accepts for `user`.
    public var tokenFile: String { directory.appendingPathComponent("token").path }
    /// `smtp://127.0.0.1:PORT` (STARTTLS required by our client).
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The TCP connections clients made so far.
    public var connections: Int {
        let text = (try? String(contentsOf: directory.appendingPathComponent("connections"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    /// Every message accepted so far, in the order received.
    public func received() throws -> [Received] {
        let mail = directory.appendingPathComponent("mail")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mail.path)) ?? []
        let numbers = names.compactMap { $0.hasSuffix(".eml") ? Int($0.dropLast(4)) : nil }.sorted()
        return try numbers.map { n in
            let bytes = [UInt8](try Data(contentsOf: mail.appendingPathComponent("\(n).eml")))
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: mail.appendingPathComponent("\(n).json")))
            guard let fields = envelope as? [String: Any] else { throw SMTPServerFailed(message: "bad envelope \(n)") }
            return Received(bytes: bytes, mailFrom: fields["mail_from"] as? String ?? "",
                            recipients: fields["rcpt_tos"] as? [String] ?? [], tls: fields["tls"] as? Bool ?? false,
                            authenticated: fields["authenticated"] as? Bool ?? false)
        }
    }

    /// `scripts/smtp-server` failed to start.
    public struct SMTPServerFailed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
