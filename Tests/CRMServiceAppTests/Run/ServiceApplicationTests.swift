import CRMServiceApp
import Foundation
import Testing

/// What `ServiceApplication` checks before it starts anything (issue #4).
@Suite("ServiceApplication")
struct ServiceApplicationTests {
    let world: ConfigurationWorld
    init() throws { world = try ConfigurationWorld() }

    func configuration(passwordFile: String?) -> ServiceConfiguration {
        ServiceConfiguration(database: .init(path: world.path("app.sqlite")),
                             admin: .init(host: "127.0.0.1", port: 8025, passwordFile: passwordFile))
    }

    @Test("a password file readable by others is refused at start, naming the key and the file")
    func passwordFileReadableByOthers() throws {
        let path = try world.file("admin.password", "open-secret\n", mode: 0o604)
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceApplication(configuration: configuration(passwordFile: path), file: "svc.yaml")
        }
        #expect(error?.problems.first?.key == "admin.password_file")
        #expect(error?.description.contains("\(path) is accessible by group or others (mode 604)") == true)
        #expect(error?.description.contains("open-secret") == false)
    }

    @Test("without admin.password_file nothing starts")
    func passwordFileRequired() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceApplication(configuration: configuration(passwordFile: nil), file: "svc.yaml")
        }
        #expect(error?.problems.first?.key == "admin.password_file")
    }

    @Test("the polled mailboxes are the enabled ones, none when mail-poll is disabled")
    func polledMailboxes() throws {
        let path = try world.file("admin.password", "pw\n", mode: 0o600)
        var settings = configuration(passwordFile: path)
        settings.mailboxes = [
            .init(name: "a", url: "imaps://h/INBOX", user: "u", passwordFile: path),
            .init(name: "b", url: "imaps://h/INBOX", user: "u", passwordFile: path, enabled: false),
        ]
        #expect(try ServiceApplication(configuration: settings, file: "svc.yaml").polledMailboxes == ["a"])
        settings.jobs.mailPollEnabled = false
        #expect(try ServiceApplication(configuration: settings, file: "svc.yaml").polledMailboxes == [])
    }
}
