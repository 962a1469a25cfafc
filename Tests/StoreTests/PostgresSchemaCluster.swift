import Foundation
import StorePostgres
import TestSupport
import Testing

/// One throwaway PostgreSQL cluster for the schema suite (started before its first test, stopped and removed after
/// its last); each test migrates its own new database in it.
struct PostgresSchemaCluster: SuiteTrait, TestScoping {
    @TaskLocal static var current: PostgreSQL?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try Prerequisite.require(PostgreSQL.isAvailable, PostgreSQL.missing)
        let server = try PostgreSQL.start()
        defer { server.stop() }
        try await Self.$current.withValue(server) { try await function() }
    }

    /// A connection, as the test role, to a new empty database of the suite's server.
    static func newDatabase() throws -> PostgresConnection {
        let server = try #require(current, "the suite has no .postgresSchemaCluster trait")
        let configuration = try PostgresConfiguration(url: server.url(database: server.createDatabase()))
        return try PostgresConnection.connect(configuration, password: server.password)
    }
}

extension Trait where Self == PostgresSchemaCluster {
    static var postgresSchemaCluster: PostgresSchemaCluster { PostgresSchemaCluster() }
}
