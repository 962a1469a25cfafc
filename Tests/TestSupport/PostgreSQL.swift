import Foundation

/// A throwaway PostgreSQL 15 cluster through `scripts/postgres`: initdb in a temp dir, the server on 127.0.0.1 on a
/// free port, run as the unprivileged user nobody when the tests run as root, passwords only (scram-sha-256).
/// `stop()` stops it and removes the dir. Tests make a database each (`createDatabase`) on a server their suite
/// shares. Missing PostgreSQL: guard with `Prerequisite.met(PostgreSQL.isAvailable)` and
/// `try Prerequisite.require(PostgreSQL.isAvailable, PostgreSQL.missing)`, which skips locally and fails under CI.
public final class PostgreSQL: Sendable {
    public static let repository: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let script = repository.appendingPathComponent("scripts/postgres").path

    /// Whether the tests can start one (the script and Debian's postgresql-15 binaries exist).
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: script) && (try? Spawn.run([script, "available"]).status) == 0
    }

    public static let missing = "PostgreSQL 15 (postgresql; scripts/setup installs it)"

    public let directory: String
    public let port: Int
    /// The role the tests connect as (not a superuser) and its password.
    public let role: String
    public let password: String
    private let superuserPassword: String

    private init(directory: String, port: Int, role: String, password: String, superuserPassword: String) {
        self.directory = directory
        self.port = port
        self.role = role
        self.password = password
        self.superuserPassword = superuserPassword
    }

    /// Makes and starts a cluster and a login role `crm` with a random password.
    public static func start() throws -> PostgreSQL {
        var template = Array((FileManager.default.temporaryDirectory.path + "/crm-postgres.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw PostgreSQLFailed(step: "mkdtemp", output: "errno \(errno)") }
        let directory = String(cString: made)
        let port = try freePort()
        let server = PostgreSQL(directory: directory, port: port, role: "crm",
                                password: "pw-" + UUID().uuidString, superuserPassword: "su-" + UUID().uuidString)
        do {
            try server.script(["start", directory, String(port), server.superuserPassword], step: "start")
            try server.superuserSQL("CREATE ROLE crm LOGIN PASSWORD :'pw';", variables: ["pw": server.password])
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Creates a new empty database owned by the test role; returns its name.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try superuserSQL("CREATE DATABASE \(name) OWNER crm;")
        return name
    }

    /// `postgres://crm@127.0.0.1:PORT/DATABASE?sslmode=MODE`.
    public func url(database: String, sslMode: String = "disable") -> String {
        "postgres://\(role)@127.0.0.1:\(port)/\(database)?sslmode=\(sslMode)"
    }

    /// Runs SQL as the superuser (psql, `:'name'` variables quoted by psql).
    public func superuserSQL(_ sql: String, variables: [String: String] = [:]) throws {
        let input = directory + "-" + UUID().uuidString + ".sql"
        try sql.write(toFile: input, atomically: true, encoding: .utf8)
        defer { unlink(input) }
        let variableArguments = variables.sorted { $0.key < $1.key }.flatMap { ["-v", "\($0.key)=\($0.value)"] }
        try script(["psql", directory, String(port), superuserPassword, "-f", input] + variableArguments, step: "psql")
    }

    /// Stops the server and removes its directory.
    public func stop() {
        _ = try? Spawn.run([Self.script, "stop", directory])
    }

    private func script(_ arguments: [String], step: String) throws {
        let ran = try Spawn.run([Self.script] + arguments)
        guard ran.status == 0 else { throw PostgreSQLFailed(step: step, output: ran.out + ran.err) }
    }

    /// A TCP port free on 127.0.0.1 now (bound to port 0, read back, closed).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgreSQLFailed(step: "socket", output: "errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bind(fd, sa, length) == 0 && getsockname(fd, sa, &length) == 0
            }
        }
        guard bound else { throw PostgreSQLFailed(step: "bind", output: "errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A step of making the throwaway cluster failed; `output` is what the script printed.
public struct PostgreSQLFailed: Error, CustomStringConvertible {
    public var step: String
    public var output: String
    public var description: String { "scripts/postgres \(step) failed: \(output)" }
}
