import StoreTestSupport
import AdminHTTP
import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Logging
import ServiceLifecycle
import Store
import TestSupport

/// The dashboard, jobs and account pages over a fresh SQLite file, served by a real `AdminServer` on a port the
/// system chose. Logins are users of the database: `boss` holds `scheduler`, `clerk` holds nothing; each gets a
/// session written through the `SessionStore` port (the login form has tests of its own), so a request carries its
/// cookie and a POST its CSRF token.
final class DashboardConsoleWorld {
    let directory: URL
    let database: AppDatabase
    /// What the console takes for "now".
    let now: Date
    let state = AdminState(mailboxes: ["corporate"])
    let control = SchedulerControl()

    init(now: Date) throws {
        self.now = now
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        _ = try database.importUsers([UserRecord(id: UserID("boss"), name: "Boss", addresses: []),
                                      UserRecord(id: UserID("clerk"), name: "Clerk", addresses: [])])
        try database.grant([.scheduler], to: UserID("boss"), actor: "test", at: now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to a file of the world and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A session of `user`: the cookie's token and the CSRF token.
    func session(_ user: String) throws -> Session {
        let token = "t\(user)" + String(repeating: "x", count: 42 - user.count)
        let session = Session(token: token, csrf: "csrf-\(user)")
        try database.createSession(ConsoleSession(tokenHash: SHA256.hexDigest(Array(token.utf8)), user: UserID(user),
                                                  csrfToken: session.csrf, createdAt: now, lastSeenAt: now))
        return session
    }

    struct Session {
        var token: String
        var csrf: String
    }

    var services: ConsoleServices {
        var services = ConsoleServices(logins: database, sessions: database, audit: database,
                                       hashing: BcryptPasswordHashing(cost: 4), health: state, now: { [now] in now })
        services.dashboard = database
        services.jobs = JobsConsoleBoard(console: JobsConsole(database: database, clock: TestSchedulerClock(now)), control: control)
        services.accounts = database
        return services
    }

    /// Runs `body` against a live admin server with the console, then shuts it down.
    func withServer<T>(_ body: (Client) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let logger = Logger(label: "dash-tests") { _ in SwiftLogNoOpLogHandler() }
        let server = try AdminServer(address: .init(host: "127.0.0.1", port: 0), password: "metrics password",
                                     state: state, console: services, logger: logger,
                                     onServerRunning: { continuation.yield($0.port) })
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            defer { tasks.cancelAll() }
            let result = try await body(Client(port: port))
            await group.triggerGracefulShutdown()
            return result
        }
    }

    struct Client {
        let port: Int

        func get(_ path: String, as session: Session) async throws -> PlainHTTPClient.Reply {
            try await PlainHTTPClient.send(port: port, method: "GET", path: path,
                                           headers: [("Cookie", "crm_session=\(session.token)")])
        }

        /// A form POST carrying the session's CSRF token.
        func post(_ path: String, as session: Session) async throws -> PlainHTTPClient.Reply {
            try await PlainHTTPClient.send(
                port: port, method: "POST", path: path,
                headers: [("Cookie", "crm_session=\(session.token)"), ("Content-Type", "application/x-www-form-urlencoded")],
                body: "csrf=\(session.csrf)")
        }
    }
}
