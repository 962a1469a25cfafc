import StorePostgres
import TestSupport
import Testing

@Suite("PostgreSQL connection (issue 14)", .serialized, .enabled(if: Prerequisite.met(PostgreSQL.isAvailable), "needs PostgreSQL 15"),
       .sharedPostgreSQL)
struct PostgresConnectionTests {
    @Test("the password from the password file opens a connection; a wrong one fails naming the role, not the password")
    func passwordAuthentication() throws {
        let (server, configuration) = try SharedPostgreSQL.database()
        let connection = try PostgresConnection.connect(configuration, password: server.password)
        let rows = try connection.execute("SELECT current_user AS who")
        #expect(try rows.first?.string("who") == "crm")

        let wrong = "wrong-secret-\(server.port)"
        let error = try #require(throws: PostgresConnectFailed.self) {
            try PostgresConnection.connect(configuration, password: wrong)
        }
        #expect(error.description.contains("password authentication failed for user \"crm\""))
        #expect(!error.description.contains(wrong))
        #expect(!error.description.contains(server.password))
    }

    @Test("parameters are sent apart from the SQL: quotes and a DROP TABLE round-trip as data")
    func parametersAreNeverInterpolated() throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        try connection.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL)")
        let hostile = "O'Brien'); DROP TABLE notes; -- \"quoted\" \\ $1 ünïcode"
        try connection.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", [.int(1), .text(hostile)])
        let rows = try connection.execute("SELECT body FROM notes WHERE body = $1", [.text(hostile)])
        #expect(try rows.map { try $0.string("body") } == [hostile])
        let echoed = try connection.execute("SELECT $1::text AS v", ["'; DROP TABLE notes; --"])
        #expect(try echoed.first?.string("v") == "'; DROP TABLE notes; --")
        #expect(try connection.execute("SELECT count(*) AS n FROM notes").first?.int64("n") == 1)
    }

    @Test("bytea: all 256 byte values round-trip and are stored as 256 bytes")
    func byteaRoundTrip() throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        try connection.execute("CREATE TABLE blobs (id BIGINT PRIMARY KEY, data BYTEA NOT NULL)")
        let all = (0...255).map { UInt8($0) }
        try connection.execute("INSERT INTO blobs VALUES ($1, $2)", [.int(1), .bytes(all)])
        let row = try #require(try connection.execute("SELECT data, octet_length(data) AS n FROM blobs").first)
        #expect(try row.bytes("data") == all)
        #expect(try row.int64("n") == 256)
    }

    @Test("typed rows: Int64 extremes, booleans, text and NULL")
    func typedRows() throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        let row = try #require(try connection.execute(
            "SELECT $1::bigint AS lo, $2::bigint AS hi, $3::boolean AS yes, $4::boolean AS no, $5::text AS nothing",
            [.int(.min), .int(.max), .bool(true), .bool(false), .null]).first)
        #expect(try row.int64("lo") == .min)
        #expect(try row.int64("hi") == .max)
        #expect(try row.bool("yes") == true)
        #expect(try row.bool("no") == false)
        #expect(try row.isNull("nothing"))
        #expect(try row.string("nothing") == nil)
        #expect(throws: PostgresNoSuchColumn.self) { try row.string("absent") }
    }

    @Test("a transaction an error ends is rolled back: nothing of it stays, the error carries the SQLSTATE",
          arguments: [PostgresIsolation.serializable, .readCommitted])
    func failedTransactionLeavesNothing(isolation: PostgresIsolation) throws {
        let (_, connection) = try SharedPostgreSQL.connect()
        try connection.execute("CREATE TABLE items (id BIGINT PRIMARY KEY)")
        let error = try #require(throws: PostgresStatementFailed.self) {
            try connection.write(isolation: isolation) { tx in
                try tx.execute("INSERT INTO items VALUES ($1)", [.int(1)])
                try tx.execute("INSERT INTO items VALUES ($1)", [.int(1)])
            }
        }
        #expect(error.sqlState == "23505")
        #expect(try connection.execute("SELECT count(*) AS n FROM items").first?.int64("n") == 0)
        // The connection is usable again and commits.
        try connection.write(isolation: isolation) { tx in try tx.execute("INSERT INTO items VALUES (2)") }
        #expect(try connection.execute("SELECT count(*) AS n FROM items").first?.int64("n") == 1)
    }

    @Test("sslmode in database.url is parsed; a password in the URL or an unknown sslmode is refused")
    func sslModeParsed() throws {
        #expect(try PostgresConfiguration(url: "postgres://crm@db.example:6543/crm?sslmode=require").sslMode == .require)
        #expect(try PostgresConfiguration(url: "postgres://crm@db.example/crm?sslmode=disable").sslMode == .disable)
        #expect(try PostgresConfiguration(url: "postgresql://crm@db.example/crm?sslmode=verify-full").sslMode == .verifyFull)
        let plain = try PostgresConfiguration(url: "postgres://crm@db.example/crm")
        #expect(plain == PostgresConfiguration(user: "crm", host: "db.example", port: 5432, database: "crm", sslMode: .verifyFull))
        #expect(throws: PostgresURLInvalid.self) { try PostgresConfiguration(url: "postgres://crm@db/crm?sslmode=maybe") }
        let secret = "hunter2"
        let error = try #require(throws: PostgresURLInvalid.self) {
            try PostgresConfiguration(url: "postgres://crm:\(secret)@db/crm")
        }
        #expect(!error.description.contains(secret))
        #expect(throws: PostgresURLInvalid.self) { try PostgresConfiguration(url: "postgres://db/crm") }
        #expect(throws: PostgresURLInvalid.self) { try PostgresConfiguration(url: "mysql://crm@db/crm") }
    }

    @Test("sslmode is honoured: require against a server without TLS fails clearly, disable connects")
    func sslModeHonoured() throws {
        let (server, configuration) = try SharedPostgreSQL.database()
        var required = configuration
        required.sslMode = .require
        let error = try #require(throws: PostgresConnectFailed.self) {
            try PostgresConnection.connect(required, password: server.password)
        }
        #expect(error.description.contains("SSL"))
        #expect(error.description.contains("sslmode=require"))
        var disabled = configuration
        disabled.sslMode = .disable
        let connection = try PostgresConnection.connect(disabled, password: server.password)
        #expect(try connection.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.bool("ssl") == false)
    }
}
