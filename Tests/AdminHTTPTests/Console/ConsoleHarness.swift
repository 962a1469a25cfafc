import StoreTestSupport
import AdminHTTP
import CRMCore
import Foundation
import Store
import Synchronization
import TestSupport

/// A console over a real SQLite database in a directory of its own: users `anna` (password set, every right given by
/// a test as needed) and `bob` (password set, no rights), bcrypt at cost 4 (the product's 12 only slows tests), and a
/// clock the test moves (idle limit, lockout) instead of waiting.
final class ConsoleHarness: Sendable {
    static let annaPassword = "anna's long password"
    static let bobPassword = "bob's long password!"

    let directory: URL
    let database: AppDatabase
    let clock = TestClock()
    let state = AdminState(mailboxes: ["corporate"])

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        _ = try database.importUsers([
            UserRecord(id: UserID("anna"), name: "Anna Berg", addresses: []),
            UserRecord(id: UserID("bob"), name: "Bob <Stein>", addresses: []),
        ])
        let hashing = BcryptPasswordHashing(cost: 4)
        try database.setPasswordHash(try hashing.hash(Self.annaPassword), of: UserID("anna"), actor: "test", at: now)
        try database.setPasswordHash(try hashing.hash(Self.bobPassword), of: UserID("bob"), actor: "test", at: now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var now: Date { clock.now }

    func advance(_ seconds: TimeInterval) { clock.advance(seconds) }

    /// The console's ports over `database` (a fresh `AppDatabase` on the same file when `reopen`: a restart).
    func services(reopen: Bool = false) throws -> ConsoleServices {
        let store = reopen ? try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path) : database
        return ConsoleServices(logins: store, sessions: store, audit: store, hashing: BcryptPasswordHashing(cost: 4),
                               health: state, now: { [clock] in clock.now })
    }

    /// Runs `body` against a live admin server with the console.
    func withServer<T>(reopen: Bool = false, _ body: (ConsoleClient) async throws -> T) async throws -> T {
        try await LiveAdminServer.with(state, console: try services(reopen: reopen)) { server in
            try await body(ConsoleClient(port: server.port))
        }
    }
}

/// The time the console sees, moved by the test.
final class TestClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 1_795_176_000)) // 2026-11-20T12:00:00Z
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A browser in miniature: keeps the cookies the server sets (by name, with their `Path`) and sends them back.
final class ConsoleClient: Sendable {
    let port: Int
    private let jar = Mutex<[String: (value: String, path: String)]>([:])

    init(port: Int) { self.port = port }

    func get(_ path: String) async throws -> PlainHTTPClient.Reply { try await send("GET", path) }

    /// POST `fields` as `application/x-www-form-urlencoded` (repeated names allowed).
    func post(_ path: String, _ fields: [(String, String)]) async throws -> PlainHTTPClient.Reply {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send("POST", path, body: body,
                              headers: [("Content-Type", "application/x-www-form-urlencoded")])
    }

    func send(_ method: String, _ path: String, body: String = "", headers: [(String, String)] = []) async throws
        -> PlainHTTPClient.Reply {
        let cookies = jar.withLock { jar in
            jar.filter { path.hasPrefix($0.value.path) }.map { "\($0.key)=\($0.value.value)" }.sorted()
        }
        var all = headers
        if !cookies.isEmpty { all.append(("Cookie", cookies.joined(separator: "; "))) }
        let reply = try await PlainHTTPClient.send(port: port, method: method, path: path, headers: all, body: body)
        jar.withLock { jar in
            for header in reply.setCookies {
                let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals])
                let value = String(pair[pair.index(after: equals)...])
                let cookiePath = parts.first { $0.hasPrefix("Path=") }.map { String($0.dropFirst(5)) } ?? "/"
                if value.isEmpty || parts.contains("Max-Age=0") { jar[name] = nil } else { jar[name] = (value, cookiePath) }
            }
        }
        return reply
    }

    func cookie(_ name: String) -> String? { jar.withLock { $0[name]?.value } }

    func setCookie(_ name: String, _ value: String?, path: String = "/") {
        jar.withLock { $0[name] = value.map { ($0, path) } }
    }

    /// The value of the hidden field `name` in `html` (the first one).
    static func hiddenField(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Logs in through the form (GET /login for the token, then POST); the reply of the POST.
    @discardableResult
    func logIn(_ user: String, _ password: String, next: String? = nil) async throws -> PlainHTTPClient.Reply {
        let form = try await get("/login")
        let token = Self.hiddenField("csrf", in: form.body) ?? ""
        var fields = [("user", user), ("password", password), ("csrf", token)]
        if let next { fields.append(("next", next)) }
        return try await post("/login", fields)
    }

    /// The session's CSRF token, read from a page's logout form.
    func csrf() async throws -> String? { Self.hiddenField("csrf", in: try await get("/").body) }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
