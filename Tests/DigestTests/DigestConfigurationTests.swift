import CRMServiceApp
import Foundation
import Jobs
import Testing

/// §11 the `digest` section and `admin.public_url` as the configuration reader takes them.
@Suite struct DigestConfigurationTests {
    func read(_ yaml: String) throws -> ServiceConfiguration {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("digest-config-\(UUID().uuidString).yaml")
        try Data(yaml.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ServiceConfiguration(contentsOf: url.path, environment: [:])
    }

    @Test("§11 without a digest section the job digest is disabled and digest send refuses")
    func absent() throws {
        let configuration = try read("database:\n  path: /tmp/x.sqlite\n")
        #expect(configuration.digest == nil)
        #expect(configuration.jobs.digest.enabled == false)
        let schedule = JobsConfiguration(configuration.jobs).schedules.first { $0.0 == "digest" }
        #expect(schedule?.1.enabled == false)
    }

    @Test("§11 a digest section enables the job weekdays at 07:00 in its zone; relative files resolve")
    func present() throws {
        let configuration = try read("""
            admin:
              public_url: https://crm.example.com
            digest:
              smtp_url: smtps://mail.example.com:465
              user: crm
              password_file: smtp.password
              from: crm@example.com
              time_zone: Europe/Amsterdam
            """)
        let digest = try #require(configuration.digest)
        #expect(digest.job == JobSettings.Scheduled(schedule: "0 7 * * 1-5", timeZone: "Europe/Amsterdam", enabled: true))
        #expect(digest.passwordFile?.hasSuffix("/smtp.password") == true && digest.passwordFile?.hasPrefix("/") == true)
        #expect(configuration.admin.publicURL == "https://crm.example.com/")
        let schedule = JobsConfiguration(configuration.jobs).schedules.first { $0.0 == "digest" }?.1
        #expect(schedule == JobsConfiguration.Schedule(.cron("0 7 * * 1-5"), zone: "Europe/Amsterdam", enabled: true))
    }

    @Test("§11 the digest's keys are checked, each problem named", arguments: [
        ("digest:\n  smtp_url: http://mail.example.com\n  from: crm@example.com\nadmin:\n  public_url: https://c.example/\n",
         "digest.smtp_url"),
        ("digest:\n  smtp_url: smtp://u:p@mail.example.com\n  from: crm@example.com\nadmin:\n  public_url: https://c.example/\n",
         "digest.smtp_url"),
        ("digest:\n  smtp_url: smtp://mail.example.com\n  from: crm@example.com\n", "admin.public_url"),
        ("digest:\n  smtp_url: smtp://mail.example.com\nadmin:\n  public_url: https://c.example/\n", "digest.from"),
        ("digest:\n  smtp_url: smtp://mail.example.com\n  from: crm@example.com\n  user: x\nadmin:\n  public_url: https://c.example/\n",
         "digest.password_file"),
        ("digest:\n  smtp_url: smtp://mail.example.com\n  from: crm@example.com\n  schedule: 0 7 * *\nadmin:\n  public_url: https://c.example/\n",
         "digest.schedule"),
        ("digest:\n  smtp_url: smtp://mail.example.com\n  from: crm@example.com\n  port: 25\nadmin:\n  public_url: https://c.example/\n",
         "digest.port"),
    ])
    func problems(yaml: String, key: String) throws {
        do {
            _ = try read(yaml)
            Issue.record("accepted: \(yaml)")
        } catch let error as ConfigurationError {
            #expect(error.problems.contains { $0.key == key }, "\(error)")
            #expect(!error.description.contains(":p@"), "no credentials repeated")
        }
    }
}
