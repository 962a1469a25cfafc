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
        _ = try? Self.script(["stop", directory.path])
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
        let out = try Self.script(arguments)
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "IMAP_PORT" { imapPort = Int(parts[1]) ?? 0 }
            if parts[0] == "IMAPS_PORT" { imapsPort = Int(parts[1]) ?? 0 }
        }
    }

    func stop() throws { try Self.script(["stop", directory.path]) }

    /// Loads `.eml` files or directories of them into `user`'s `folder`, UIDs in the order given.
    func load(_ user: String, _ folder: String = "INBOX", _ paths: [String]) throws {
        try Self.script(["load", directory.path, user, folder] + paths)
    }

    func resetUIDValidity(_ user: String, _ folder: String = "INBOX") throws {
        try Self.script(["reset-uidvalidity", directory.path, user, folder])
    }

    @discardableResult
    static func script(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptFailed(arguments: arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct ScriptFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var description: String { "scripts/dovecot \(arguments.joined(separator: " ")) exited \(status)" }
    }
}
