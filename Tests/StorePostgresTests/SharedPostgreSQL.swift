import Foundation
import StorePostgres
import TestSupport
import Testing

/// One throwaway cluster for a suite (started before its first test, stopped and removed after its last); each test
/// makes its own database in it.
struct SharedPostgreSQL: SuiteTrait, TestScoping {
    @TaskLocal static var current: PostgreSQL?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try Prerequisite.require(PostgreSQL.isAvailable, PostgreSQL.missing)
        let server = try PostgreSQL.start()
        defer { server.stop() }
        try await Self.$current.withValue(server) { try await function() }
    }

    /// The suite's server, a new database in it, and its configuration.
    static func database() throws -> (server: PostgreSQL, configuration: PostgresConfiguration) {
        let server = try #require(current, "the suite has no .sharedPostgreSQL trait")
        let name = try server.createDatabase()
        return (server, try PostgresConfiguration(url: server.url(database: name)))
    }

    /// A connection to a new database of the suite's server, as the test role.
    static func connect() throws -> (server: PostgreSQL, connection: PostgresConnection) {
        let (server, configuration) = try database()
        return (server, try PostgresConnection.connect(configuration, password: server.password))
    }
}

extension Trait where Self == SharedPostgreSQL {
    static var sharedPostgreSQL: SharedPostgreSQL { SharedPostgreSQL() }
}

/// Runs each closure on its own thread (libpq blocks its thread) and waits for all; the results in order.
func onThreads<T: Sendable>(_ bodies: [@Sendable () throws -> T]) -> [Result<T, any Error>] {
    let box = ResultsBox<T>(count: bodies.count)
    let group = DispatchGroup()
    for (index, body) in bodies.enumerated() {
        group.enter()
        Thread.detachNewThread {
            box.set(index, Result { try body() })
            group.leave()
        }
    }
    group.wait()
    return box.all
}

private final class ResultsBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<T, any Error>) { lock.withLock { results[index] = result } }
    var all: [Result<T, any Error>] { lock.withLock { results.map { $0! } } }
}
