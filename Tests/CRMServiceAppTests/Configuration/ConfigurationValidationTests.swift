import CRMServiceApp
import Foundation
import Testing

@Suite("Configuration file: every problem names the file and the key")
struct ConfigurationValidationTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    /// The problems of `yaml` as `KEY: message` lines (the file name checked on every line).
    func problems(_ yaml: String, environment: [String: String] = [:]) throws -> [String] {
        let path = try w.file("crmservice.yaml", yaml)
        do {
            _ = try ServiceConfiguration(contentsOf: path, environment: environment)
            return []
        } catch {
            let lines = error.description.split(separator: "\n").map(String.init)
            for line in lines { #expect(line.hasPrefix(path + ": "), "\(line)") }
            return lines.map { String($0.dropFirst(path.count + 2)) }
        }
    }

    static let mailbox = "url: \"imaps://h/INBOX\", user: u, password_file: /p"

    @Test("a wrong value names its key and what is allowed", arguments: [
        ("mailboxes: {corporate: {\(mailbox), after: archive}}",
         "mailboxes.corporate.after: \"archive\" is not seen, none or move:FOLDER"),
        ("mailboxes: {corporate: {\(mailbox), since: 2026-02-30}}",
         "mailboxes.corporate.since: \"2026-02-30\" is not a day YYYY-MM-DD"),
        ("mailboxes: {corporate: {\(mailbox), interval_seconds: soon}}",
         "mailboxes.corporate.interval_seconds: \"soon\" is not a whole number"),
        ("mailboxes: {corporate: {url: \"http://h/\", user: u, password_file: /p}}",
         "mailboxes.corporate.url: \"http://h/\" is not imaps://HOST[:PORT]/FOLDER or imap://HOST[:PORT]/FOLDER"),
        ("mailboxes: {corporate: {url: \"imaps://h/INBOX\", password_file: /p}}", "mailboxes.corporate.user: is required"),
        ("mailboxes: {corporate: {url: \"imaps://h:993\", user: u, password_file: /p}}",
         "mailboxes.corporate.url: \"imaps://h:993\" is not imaps://HOST[:PORT]/FOLDER or imap://HOST[:PORT]/FOLDER"),
        ("mailboxes: {corporate: {user: u, password_file: /p}}", "mailboxes.corporate.url: is required"),
        ("mailboxes: {corporate: {url: \"imaps://h/INBOX\", user: u}}",
         "mailboxes.corporate.password_file: give password_file or oauth2_token_file"),
        ("mailboxes: {corporate: {\(mailbox), oauth2_token_file: /t}}",
         "mailboxes.corporate.oauth2_token_file: give password_file or oauth2_token_file, not both"),
        ("mailboxes: {\"a b\": {\(mailbox)}}", "mailboxes.a b: a mailbox name is letters, digits, - and _"),
        ("mailboxes: {corporate: x}", "mailboxes.corporate: must be a mapping of settings, not a value"),
        ("mailboxes:\n  corporate:\n", "mailboxes.corporate: has no settings: url, user and password_file or oauth2_token_file are required"),
        ("mailboxes:\n  - url: x\n", "mailboxes: must be a mapping keyed by mailbox name (corporate: {url: …}), not a list"),
        ("database: /var/db.sqlite", "database: must be a mapping of settings, not a value"),
        ("jobs: {rating: [a]}", "jobs.rating: must be a mapping of settings, not a value"),
        ("admin: {port: 80800}", "admin.port: 80800 is out of range: it must be between 1 and 65535"),
        ("admin: {tls_cert_file: /c.pem}", "admin.tls_key_file: is required when admin.tls_cert_file is set"),
        ("admin: {tls_key_file: /k.pem}", "admin.tls_cert_file: is required when admin.tls_key_file is set"),
        ("database: {path: [a, b]}", "database.path: must be a single value, not a list"),
        ("capture: {never_capture: {addresses: [not-an-address]}}",
         "capture.never_capture.addresses: \"not-an-address\" is not an e-mail address"),
        ("capture: {never_capture: {domains: [\"bad domain\"]}}", "capture.never_capture.domains: \"bad domain\" is not a domain"),
        ("jobs: {rating: {enabled: maybe}}", "jobs.rating.enabled: \"maybe\" is not true or false"),
        ("jobs: {archive: {months: 6}}", "jobs.archive.months: 6 is out of range: it must be at least 12"),
        ("jobs: {log-truncate: {keep_days: 0}}", "jobs.log-truncate.keep_days: 0 is out of range: it must be at least 1"),
        ("jobs: {rating: {time_zone: Mars/Base}}", "jobs.rating.time_zone: \"Mars/Base\" is not a time zone of the system tz database"),
    ])
    func wrongValue(yaml: String, expected: String) throws {
        #expect(try problems(yaml) == [expected])
    }

    @Test("a bad cron expression names jobs.NAME.schedule")
    func badSchedule() throws {
        let found = try problems("jobs: {rating: {schedule: \"0 2 * *\"}}")
        #expect(found.count == 1 && found[0].hasPrefix("jobs.rating.schedule: \"0 2 * *\" is not a cron expression"))
    }

    @Test("unknown keys are errors, at any depth; every problem is reported at once")
    func unknownKeys() throws {
        let found = Set(try problems("""
            databse: {path: /x}
            admin: {passwrd_file: /p}
            capture: {never_capture: {domain: [a.example]}}
            mailboxes: {corporate: {\(Self.mailbox), folder: INBOX}}
            jobs: {cleanup: {enabled: true}}
            """))
        #expect(found == [
            "databse.path: unknown key", "admin.passwrd_file: unknown key", "capture.never_capture.domain: unknown key",
            "mailboxes.corporate.folder: unknown key", "jobs.cleanup.enabled: unknown key",
        ])
    }

    @Test("a value holding \", key=\" does not hide or invent keys")
    func trickyValues() throws {
        #expect(try problems("""
            database: {path: "/x, admin.port=1, y"}
            capture: {capture_addresses: ["a@b.example", "c@d.example"]}
            """) == [])
    }

    @Test("empty sections and empty values mean the defaults")
    func emptySections() throws {
        #expect(try problems("database:\ncapture:\n  never_capture:\nmailboxes:\nadmin:\n  password_file:\njobs:\n  rating:\n") == [])
    }

    @Test("a bad value from the environment names the key it overrides")
    func environmentValue() throws {
        #expect(try problems("", environment: ["ADMIN_PORT": "http"]) == ["admin.port: \"http\" is not a whole number"])
    }

    @Test("an unreadable or non-mapping file names the file")
    func wholeFile() throws {
        let missing = w.path("missing.yaml")
        #expect(throws: ConfigurationError(file: missing, problems: [.init(key: nil, message: "cannot read the file")])) {
            try ServiceConfiguration(contentsOf: missing, environment: [:])
        }
        #expect(try problems("- a\n- b\n") == ["the top level must be a mapping (database:, capture:, …)"])
        #expect(try problems("database: {path: [unclosed\n").first?.hasPrefix("not valid YAML for a configuration") == true)
    }

    @Test("crmservice run needs admin.password_file, on a loopback host too")
    func runNeedsAdminPassword() throws {
        let configuration = try ServiceConfiguration(contentsOf: try w.file("c.yaml", "admin: {host: 127.0.0.1}"), environment: [:])
        #expect(throws: ConfigurationError(file: "c.yaml", problems: [.init(
            key: "admin.password_file", message: "is required by crmservice run (the admin HTTP server always asks for a password)")])) {
            try configuration.validateForRun(file: "c.yaml")
        }
    }
}
