import Capture
import CRMCore
import CRMServiceApp
import Foundation
import IMAPClient
import ServiceLifecycle
import Testing

/// `crmservice run` takes `capture.max_message_bytes` from its configuration to its pollers (§12).
@Suite struct RunPollersLimitsTests {
    @Test("§12 crmservice run: a message over capture.max_message_bytes of the configuration becomes too_large")
    func runUsesTheKey() async throws {
        let db = try PollDatabase()
        let token = try db.file("token", "t0ken\n")
        let mailbox = FakeMailbox()
        mailbox.append(message("small@x"))
        mailbox.append(message("big@x") + Array(repeating: UInt8(ascii: "z"), count: 5_000))
        let settings = [MailboxSettings(name: "alpha", url: "imaps://mail.example.com/alpha", user: "crm",
                                        oauth2TokenFile: token)]
        let context = PollerContext(
            configuration: ServiceConfiguration(capture: CaptureSettings(maxMessageBytes: 2_000), mailboxes: settings),
            database: db.database, observer: RecordingObserver(), once: true, logger: quietLogger)
        let services = MailboxPolling.pollers(context) { _, _, _ in FakeMailboxSession(mailbox) }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .ignore) }, logger: quietLogger))
        try await group.run()
        let rows = try db.database.exportUnmatched()
        #expect(rows.compactMap(\.messageID).sorted() == ["big@x", "small@x"])
        let big = try #require(rows.first { $0.messageID == "big@x" })
        #expect(big.reason == "too_large" && big.audit.contains("over capture.max_message_bytes (2000)"))
        #expect(rows.first { $0.messageID == "small@x" }?.reason == "unknown_sender")
    }
}
