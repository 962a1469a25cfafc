import AdminHTTP
import CRMCore
import CRMServiceApp
import Foundation
import Logging
import ServiceLifecycle
import Store

/// A real admin server with the console over a fresh SQLite database (`RatingWorld`), the imports and rating ports of
/// the product, and users with sessions made in the store (the login page is the shell's to test): `importer` has
/// `import`, `rules` has `rating-rules`, `runner` has `rating-run`, `reader` has none.
final class ConsolePagesWorld {
    let w: RatingWorld
    var database: AppDatabase { w.database }

    init() throws {
        w = try RatingWorld()
        try w.load(.users, """
            id,name,email
            importer,Ida Importer,ida@ourcompany.example
            rules,Rudi Rules,rudi@ourcompany.example
            runner,Rita Runner,rita@ourcompany.example
            reader,Reto Reader,reto@ourcompany.example
            """)
        for (user, right) in [("importer", LoginRight.import), ("rules", .ratingRules), ("runner", .ratingRun)] {
            try database.grant([right], to: UserID(user), actor: "test", at: w.now)
        }
        for user in ["importer", "rules", "runner", "reader"] {
            try database.createSession(ConsoleSession(
                tokenHash: SHA256.hexDigest(Array(Self.token(user).utf8)), user: UserID(user), csrfToken: Self.csrf(user),
                createdAt: Date(), lastSeenAt: Date()))
        }
    }

    static func token(_ user: String) -> String { "session-token-of-\(user)" }
    static func csrf(_ user: String) -> String { "csrf-token-of-\(user)" }

    /// Runs `body` with a client per user against a live server, then stops the server.
    func withServer<T>(_ body: (_ as: (String) -> ConsoleHTTPClient) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "console-pages-test")
        logger.logLevel = .warning
        let console = ConsoleServices(
            logins: database, sessions: database, audit: database, hashing: BcryptPasswordHashing(cost: 4),
            health: AdminState(mailboxes: []), imports: ConsoleImports(database: database, audit: database),
            rating: ConsoleRating(database: database, audit: database))
        let server = try AdminServer(address: .init(host: "127.0.0.1", port: 0), password: "metrics password here",
                                     state: AdminState(mailboxes: []), console: console, logger: logger,
                                     onServerRunning: { continuation.yield($0.port) })
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            do {
                let result = try await body { ConsoleHTTPClient(port: port, sessionToken: Self.token($0)) }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
