import AdminHTTP
import Foundation
import TestSupport
import Logging
import ServiceLifecycle

/// A real `AdminServer` on 127.0.0.1 and a port the system chose, in a service group of its own, and real HTTP
/// requests to it (`PlainHTTPClient`).
struct LiveAdminServer {
    static let password = "correct horse battery staple"

    let port: Int

    /// Runs `body` against a server over `state`, then shuts the server down gracefully.
    static func with<T>(_ state: AdminState, console: ConsoleServices? = nil,
                        _ body: (LiveAdminServer) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "admin-test")
        logger.logLevel = .warning
        let server = try AdminServer(
            address: .init(host: "127.0.0.1", port: 0), password: password, state: state, console: console, logger: logger,
            onServerRunning: { address in continuation.yield(address.port) })
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            do {
                let result = try await body(LiveAdminServer(port: port))
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

    /// `GET path`, with basic credentials when `user` is given.
    func get(_ path: String, user: String? = nil, password: String = LiveAdminServer.password) async throws
        -> PlainHTTPClient.Reply {
        try await PlainHTTPClient.get(port: port, path: path, user: user, password: password)
    }
}
