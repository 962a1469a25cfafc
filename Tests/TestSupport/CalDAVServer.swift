import Foundation
import Synchronization

/// A throwaway CalDAV server through `scripts/caldav-server` (start, add-user, stop), shared by `Radicale` and
/// `Xandikos`: 127.0.0.1 on a free port, everything in a temp directory removed at the end, the server running as
/// `nobody` when the tests run as root. Each user gets a random password (`DIR/USER.password`, 0600) and an empty
/// calendar collection `BASE/USER/calendar/`. Xandikos checks no password (it has no authentication).
public final class CalDAVServer: @unchecked Sendable {
    public enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        case radicale, xandikos
        public var description: String { rawValue }
    }

    public static let script = Dovecot.repository.appendingPathComponent("scripts/caldav-server").path

    public let kind: Kind
    public let directory: URL
    public let tls: Bool
    public private(set) var port = 0
    public private(set) var baseURL = ""
    private let stopWithProcess: Bool

    /// Whether the tests can start one (the script and the server's binary exist).
    public static func isAvailable(_ kind: Kind) -> Bool {
        FileManager.default.isExecutableFile(atPath: script)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/\(kind.rawValue)")
    }

    public static func missing(_ kind: Kind) -> String { "\(kind.rawValue) (Debian package; scripts/setup installs it)" }

    /// A server for one test (it is killed or restarted), stopped and removed when released.
    public convenience init(_ kind: Kind, tls: Bool = false) throws {
        try self.init(kind, tls: tls, stopWithProcess: false)
    }

    init(_ kind: Kind, tls: Bool, stopWithProcess: Bool) throws {
        self.kind = kind
        self.tls = tls
        self.stopWithProcess = stopWithProcess
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(kind)-\(UUID().uuidString)")
        try start()
    }

    deinit {
        _ = try? Self.script(["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts it (again, on the same port after `stop` or `crash`).
    public func start() throws {
        var arguments = ["start", kind.rawValue, directory.path]
        if port != 0 { arguments += ["--port", "\(port)"] }
        if tls { arguments.append("--tls") }
        if stopWithProcess { arguments += ["--stop-with", "\(getpid())"] }
        let output = try Self.script(arguments)
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "PORT" { port = Int(parts[1]) ?? 0 }
            if parts[0] == "BASE_URL" { baseURL = parts[1] }
        }
        guard port != 0, !baseURL.isEmpty else {
            throw CalDAVServerFailed(message: "scripts/caldav-server start printed no port: \(output)")
        }
    }

    public func stop() throws { try Self.script(["stop", directory.path]) }

    /// The server's CA (HTTPS only).
    public var cacert: String? { tls ? directory.appendingPathComponent("ca.pem").path : nil }
    public func passwordFile(_ user: String) -> String { directory.appendingPathComponent("\(user).password").path }
    public func password(_ user: String) throws -> String {
        try String(contentsOfFile: passwordFile(user), encoding: .utf8)
    }

    /// A new user `PREFIX<random>` with a password and an empty calendar; its name and the calendar's URL.
    public func makeUser(_ prefix: String = "u") throws -> (name: String, calendarURL: String) {
        let name = "\(prefix)\(UInt32.random(in: 0...UInt32.max))"
        let url = try Self.script(["add-user", directory.path, name]).trimmingCharacters(in: .whitespacesAndNewlines)
        return (name, url)
    }

    @discardableResult
    static func script(_ arguments: [String]) throws -> String {
        let ran = try Spawn.run([script] + arguments)
        guard ran.termination == .exited(0) else {
            throw CalDAVServerFailed(message: "scripts/caldav-server \(arguments.joined(separator: " ")) "
                + "\(ran.termination): \(ran.err)")
        }
        return ran.out
    }

    static let shared = Mutex<[Kind: Result<CalDAVServer, CalDAVServerFailed>]>([:])
    private static let sharedDirectories = Mutex<[String]>([])

    /// The process-wide server of `kind`, started on first use, stopped when the process exits.
    static func shared(_ kind: Kind) throws -> CalDAVServer {
        try shared.withLock { servers in
            if let result = servers[kind] { return result }
            let result: Result<CalDAVServer, CalDAVServerFailed>
            if !isAvailable(kind) {
                result = .failure(CalDAVServerFailed(message: "missing prerequisite: \(missing(kind))"))
            } else {
                do {
                    let server = try CalDAVServer(kind, tls: false, stopWithProcess: true)
                    sharedDirectories.withLock { $0.append(server.directory.path) }
                    if servers.isEmpty {
                        atexit {
                            for dir in CalDAVServer.sharedDirectories.withLock({ $0 }) {
                                _ = try? CalDAVServer.script(["stop", dir])
                                try? FileManager.default.removeItem(atPath: dir)
                            }
                        }
                    }
                    result = .success(server)
                } catch let error as CalDAVServerFailed {
                    result = .failure(error)
                } catch {
                    result = .failure(CalDAVServerFailed(message: "\(error)"))
                }
            }
            servers[kind] = result
            return result
        }.get()
    }
}

/// `scripts/caldav-server` failed, or the server is missing.
public struct CalDAVServerFailed: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
