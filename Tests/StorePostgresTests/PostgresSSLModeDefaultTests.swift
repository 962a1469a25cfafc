import StorePostgres
import Testing

/// The sslmode a `database.url` without one gets (docs/postgresql.md, "TLS"): verified TLS to another machine,
/// libpq's `prefer` on this one.
@Suite("database.url: the default sslmode")
struct PostgresSSLModeDefaultTests {
    @Test("a database on another machine: verify-full (encrypted, the certificate checked against the host name)",
          arguments: ["db.example", "10.0.0.5", "128.0.0.1", "127.0.0.1.example", "localhost.example", "[2001:db8::1]"])
    func remote(host: String) throws {
        #expect(try PostgresConfiguration(url: "postgres://crm@\(host):5432/crm").sslMode == .verifyFull)
        #expect(PostgresConfiguration(user: "crm", host: host, database: "crm").sslMode == .verifyFull)
    }

    @Test("loopback, localhost or a socket directory: prefer", arguments: ["127.0.0.1", "127.3.4.5", "localhost", "LocalHost", "[::1]"])
    func local(host: String) throws {
        #expect(try PostgresConfiguration(url: "postgres://crm@\(host):5432/crm").sslMode == .prefer)
    }

    @Test("a socket directory given as the host (percent-encoded in the URL): prefer")
    func socket() throws {
        let configuration = try PostgresConfiguration(url: "postgres://crm@%2Fvar%2Frun%2Fpostgresql/crm")
        #expect(configuration.host == "/var/run/postgresql")
        #expect(configuration.sslMode == .prefer)
    }

    @Test("an sslmode in the URL wins over the default, both ways")
    func explicit() throws {
        #expect(try PostgresConfiguration(url: "postgres://crm@db.example/crm?sslmode=disable").sslMode == .disable)
        #expect(try PostgresConfiguration(url: "postgres://crm@127.0.0.1/crm?sslmode=verify-full").sslMode == .verifyFull)
    }

    @Test("sslrootcert names the CA file (an absolute path) and is shown in the description; a relative one is refused")
    func rootCertificate() throws {
        let configuration = try PostgresConfiguration(url: "postgres://crm@db.example/crm?sslrootcert=/etc/crm/ca.pem")
        #expect(configuration.rootCertificate == "/etc/crm/ca.pem")
        #expect(configuration.sslMode == .verifyFull)
        #expect(configuration.description == "postgres://crm@db.example:5432/crm?sslmode=verify-full&sslrootcert=/etc/crm/ca.pem")
        #expect(throws: PostgresURLInvalid.self) { try PostgresConfiguration(url: "postgres://crm@db.example/crm?sslrootcert=ca.pem") }
    }
}
