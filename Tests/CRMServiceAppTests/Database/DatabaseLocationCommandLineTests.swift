import Foundation
import Testing
import TestSupport

/// `--db` and `--config` naming a PostgreSQL database (issue 14): a bad URL or password file is bad input naming
/// the flag, variable or key, and the password is never printed.
@Suite("issue 14 --db postgres:// and database.url",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct DatabaseLocationCommandLineTests {
    let w: DbCopyWorld
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try DbCopyWorld()
    }

    static let secret = "hunter2-do-not-print"

    @Test("§1 --db with a bad URL: exit 2 naming --db; a password in the URL is not repeated")
    func badURL() throws {
        let bad = try w.run(["export", "accounts", "--db", "postgres://crm@db.example/crm?sslmode=sometimes"])
        #expect(bad.status == 2 && bad.err.contains("--db: ") && bad.err.contains("sslmode must be one of"), "\(bad.err)")
        let withPassword = try w.run(["export", "accounts", "--db", "postgres://crm:\(Self.secret)@db.example/crm"])
        #expect(withPassword.status == 2 && withPassword.err.contains("--db: "))
        #expect(!withPassword.err.contains(Self.secret) && !withPassword.out.contains(Self.secret))
    }

    @Test("§1 the password file: --db-password-file, else CRMSERVICE_DATABASE_PASSWORD_FILE, else database.password_file; unusable is exit 2 naming which")
    func passwordFileNamed() throws {
        let open = try w.file("open", Self.secret + "\n", mode: 0o644)
        let url = "postgres://crm@db.example/crm"
        let flag = try w.run(["export", "accounts", "--db", url, "--db-password-file", open])
        #expect(flag.status == 2 && flag.err.contains("--db-password-file: secret file \(open)") && flag.err.contains("chmod 600"),
                "\(flag.err)")
        let variable = try w.run(["export", "accounts", "--db", url], environment: ["CRMSERVICE_DATABASE_PASSWORD_FILE": open])
        #expect(variable.status == 2 && variable.err.contains("CRMSERVICE_DATABASE_PASSWORD_FILE: secret file"), "\(variable.err)")
        let config = try w.file("crm.yaml", "database: {url: \"\(url)\", password_file: open}\n")
        let key = try w.run(["unmatched", "list", "--config", config])
        #expect(key.status == 2 && key.err.contains("database.password_file: secret file"), "\(key.err)")
        // The flag wins over the variable: a missing flag file is named, not the variable's.
        let both = try w.run(["export", "accounts", "--db", url, "--db-password-file", w.path("missing")],
                             environment: ["CRMSERVICE_DATABASE_PASSWORD_FILE": open])
        #expect(both.status == 2 && both.err.contains("--db-password-file: cannot read secret file"), "\(both.err)")
        for ran in [flag, variable, key, both] { #expect(!ran.err.contains(Self.secret) && !ran.out.contains(Self.secret)) }
    }

    @Test("§1 a bad database.url in the configuration: exit 2 naming the file and the key, for run as for any command")
    func badConfiguredURL() throws {
        let config = try w.file("crm.yaml", "database: {url: \"postgres://db.example/crm\"}\n")
        for arguments in [["export", "accounts", "--config", config], ["run", "--config", config, "--once"]] {
            let ran = try w.run(arguments)
            #expect(ran.status == 2 && ran.err.contains("database.url") && ran.err.contains("no user"), "\(arguments): \(ran.err)")
        }
    }

    @Test("issue 14 db status: the location, the engine and the migrations")
    func status() throws {
        let db = w.path("crm.sqlite")
        let ran = try w.run(["db", "status", "--db", db])
        #expect(ran.status == 0)
        #expect(ran.out.contains("database:   \(db)\nengine:     SQLite\nmigrations: "), "\(ran.out)")
        #expect(ran.out.contains(" applied, ") && ran.out.contains(" known to this release; last v"))
    }
}
