import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import Logging
import ServiceLifecycle
import Store
import TestSupport
@testable import AdminHTTP

/// A real database file with the fixture address book, two logins with sessions (`u1` with the right `review`, `u2`
/// without), and a real admin server with the console over it, spoken to over plain HTTP.
final class ReviewConsoleWorld {
    let directory: URL
    let database: AppDatabase
    let queue: ConsoleReviewQueue
    /// Session tokens and their CSRF values, by user.
    private(set) var sessions: [String: (token: String, csrf: String)] = [:]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reviewhttp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        let importer = ReferenceImporter(database: database)
        for kind in [ImportKind.accounts, .users, .contacts, .orders] {
            _ = try importer.importFile(kind, path: Self.fixtures + "/\(kind.rawValue).csv")
        }
        queue = ConsoleReviewQueue(database: database)
        let now = Date()
        try database.grant([.review], to: UserID("u1"), actor: "test", at: now)
        for user in ["u1", "u2"] {
            let token = ConsoleToken.random(), csrf = ConsoleToken.random()
            try database.createSession(ConsoleSession(tokenHash: ConsoleToken.hash(token), user: UserID(user),
                                                      csrfToken: csrf, createdAt: now, lastSeenAt: now))
            sessions[user] = (token, csrf)
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/capture").path
    }()

    /// Captures `messages` (text with CRLF) through the real pipeline, from mailbox `corporate`.
    func capture(_ messages: [String]) throws {
        let replay = ReplayService(database: database)
        let dir = directory.appendingPathComponent("mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (index, text) in messages.enumerated() {
            try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "%04d.eml", index)))
        }
        _ = try replay.replay([dir.path], mailbox: "corporate")
    }

    /// Open entries' ids by Message-ID.
    func open() throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for row in try database.exportUnmatched() where row.status == "open" { result[row.messageID ?? ""] = row.id }
        return result
    }

    /// Runs `body` against a live server.
    func serve<T>(_ body: (Client) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "review-http-test")
        logger.logLevel = .warning
        let services = ConsoleServices(logins: database, sessions: database, audit: database,
                                       hashing: BcryptPasswordHashing(cost: 4), health: AdminState(mailboxes: []),
                                       review: queue)
        let server = try AdminServer(address: .init(host: "127.0.0.1", port: 0), password: "metrics password",
                                     state: AdminState(mailboxes: []), console: services, logger: logger,
                                     onServerRunning: { continuation.yield($0.port) })
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            defer { Task { await group.triggerGracefulShutdown() } }
            let result = try await body(Client(port: port, sessions: sessions))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    /// Requests as a logged-in user.
    struct Client: Sendable {
        let port: Int
        let sessions: [String: (token: String, csrf: String)]

        func get(_ path: String, as user: String = "u1") async throws -> PlainHTTPClient.Reply {
            try await PlainHTTPClient.send(port: port, method: "GET", path: path,
                                           headers: [("Cookie", "crm_session=\(sessions[user]!.token)")])
        }

        /// A form POST with the session's CSRF token added.
        func post(_ path: String, _ fields: [(String, String)], as user: String = "u1") async throws
            -> PlainHTTPClient.Reply {
            var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7f}"))
            allowed.insert(charactersIn: "-._~")
            let body = (fields + [("csrf", sessions[user]!.csrf)]).map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&")
            return try await PlainHTTPClient.send(
                port: port, method: "POST", path: path,
                headers: [("Cookie", "crm_session=\(sessions[user]!.token)"),
                          ("Content-Type", "application/x-www-form-urlencoded")], body: body)
        }
    }
}
