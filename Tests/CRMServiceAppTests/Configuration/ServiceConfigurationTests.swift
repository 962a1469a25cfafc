import CRMCore
import CRMServiceApp
import Foundation
import Testing

@Suite("Configuration file: keys, defaults, environment, relative paths")
struct ServiceConfigurationTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    @Test("an empty file (comments only) is every default")
    func defaults() throws {
        let path = try w.file("empty.yaml", "# nothing configured\n")
        let configuration = try ServiceConfiguration(contentsOf: path, environment: [:])
        #expect(configuration == ServiceConfiguration())
        #expect(configuration.database.path == "/var/lib/crmservice/crmservice.sqlite")
        #expect(configuration.admin == AdminHTTPSettings(host: "127.0.0.1", port: 8025, passwordFile: nil))
        #expect(configuration.jobs.rating == .init(schedule: "0 2 * * *", timeZone: "UTC", enabled: true))
        #expect(configuration.jobs.logTruncate.schedule == "30 3 * * *" && configuration.jobs.logTruncateKeepDays == 90)
        #expect(configuration.jobs.archive == .init(schedule: "0 4 1 * *", enabled: false))
        #expect(configuration.jobs.archiveMonths == 24 && configuration.jobs.mailPollIntervalSeconds == 60)
        #expect(configuration.mailboxes.isEmpty && configuration.capture == CaptureSettings())
    }

    @Test("config/crmservice.example.yaml reads cleanly with the values it documents")
    func example() throws {
        let configuration = try ServiceConfiguration(contentsOf: ConfigurationWorld.example, environment: [:])
        #expect(configuration.database.path == "/var/lib/crmservice/crmservice.sqlite")
        #expect(configuration.capture == CaptureSettings(
            captureAddresses: ["crm@example.com"], neverCaptureAddresses: ["ceo@example.com"],
            neverCaptureDomains: ["example-bank.com"]))
        #expect(configuration.mailboxes == [MailboxSettings(
            name: "corporate", url: "imaps://imap.example.com:993/INBOX", user: "crm-reader",
            passwordFile: "/etc/crmservice/imap.password", cacert: "/etc/ssl/private-ca.pem", after: .seen,
            since: "2026-01-01", intervalSeconds: 60, enabled: true)])
        #expect(configuration.admin.passwordFile == "/etc/crmservice/admin.password")
        #expect(configuration.jobs == JobSettings())
        try configuration.validateForRun(file: ConfigurationWorld.example)
    }

    @Test("a relative database.path and *_file resolve against the configuration file's directory")
    func relativePaths() throws {
        let fixture = ConfigurationWorld.fixtures + "/never-capture.yaml"
        #expect(try ServiceConfiguration(contentsOf: fixture, environment: [:]).database.path
            == ConfigurationWorld.fixtures + "/data/crm.sqlite")
        let path = try w.file("etc/crm.yaml", """
            database: {path: ../var/db.sqlite}
            admin: {password_file: secrets/admin}
            mailboxes:
              corporate: {url: "imap://mail.example.com/INBOX", user: u, oauth2_token_file: tok, cacert: /ca.pem}
            """)
        let configuration = try ServiceConfiguration(contentsOf: path, environment: [:])
        #expect(configuration.database.path == w.path("var/db.sqlite"))
        #expect(configuration.admin.passwordFile == w.path("etc/secrets/admin"))
        #expect(configuration.mailboxes.first?.oauth2TokenFile == w.path("etc/tok"))
        #expect(configuration.mailboxes.first?.cacert == "/ca.pem")
    }

    @Test("the environment overrides the file: DATABASE_PATH, lists comma-separated, jobs and mailbox keys")
    func environment() throws {
        let path = try w.file("c.yaml", """
            database: {path: file.sqlite}
            capture: {never_capture: {domains: [file.example]}}
            mailboxes: {corporate: {url: "imaps://h/INBOX", user: file-user, password_file: /p}}
            """)
        let configuration = try ServiceConfiguration(contentsOf: path, environment: [
            "DATABASE_PATH": "/srv/env.sqlite",
            "CAPTURE_NEVER_CAPTURE_DOMAINS": "a.example, b.example",
            "JOBS_LOG_TRUNCATE_KEEP_DAYS": "7",
            "JOBS_ARCHIVE_ENABLED": "true",
            "MAILBOXES_CORPORATE_USER": "env-user",
            "ADMIN_PORT": "9000",
            "ADMIN_HOST": "",
        ])
        #expect(configuration.database.path == "/srv/env.sqlite")
        #expect(configuration.capture.neverCaptureDomains == ["a.example", "b.example"])
        #expect(configuration.jobs.logTruncateKeepDays == 7 && configuration.jobs.archive.enabled)
        #expect(configuration.mailboxes.map(\.user) == ["env-user"])
        #expect(configuration.admin.port == 9000)
        #expect(configuration.admin.host == "127.0.0.1", "an empty variable is ignored")
    }

    @Test("§4.9 capture policy: never-capture domains cover subdomains, addresses lower-cased, capture addresses")
    func policy() throws {
        let fixture = ConfigurationWorld.fixtures + "/never-capture.yaml"
        let policy = try ServiceConfiguration(contentsOf: fixture, environment: [:]).capture.policy
        #expect(policy.exclusion(of: EmailAddress("greg@mail.globex.example.org")!) == .domain("globex.example.org"))
        #expect(policy.exclusion(of: EmailAddress("x@notglobex.example.org")!) == nil)
        #expect(policy.exclusion(of: EmailAddress("CEO@company.example")!) == .address)
        #expect(policy.isCaptureAddress(EmailAddress("crm@company.example")!))
    }

    @Test("mailboxes: a mapping keyed by name, in name order, interval defaulting to jobs.mail-poll")
    func mailboxes() throws {
        let path = try w.file("m.yaml", """
            jobs: {mail-poll: {interval_seconds: 300}}
            mailboxes:
              sales: {url: "imaps://h/INBOX", user: s, password_file: /p, after: "move:Archive/CRM", enabled: false}
              bcc: {url: "imap://h:143/CRM", user: b, password_file: /p, after: none, interval_seconds: 30}
            """)
        let boxes = try ServiceConfiguration(contentsOf: path, environment: [:]).mailboxes
        #expect(boxes.map(\.name) == ["bcc", "sales"])
        #expect(boxes.map(\.after) == [.none, .move(folder: "Archive/CRM")])
        #expect(boxes.map(\.intervalSeconds) == [30, 300])
        #expect(boxes.map(\.enabled) == [true, false])
    }
}
