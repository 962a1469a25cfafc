import AdminHTTP
import Capture
import CRMCore
import CRMServiceApp
import Foundation
import IMAPClient
import Logging
import Synchronization
import TestSupport
import Testing

/// Polling servers that are not a stock Dovecot (issue #15), each a real Dovecot started by the test and configured
/// like them: Courier's capabilities (no ESEARCH, no MOVE; UIDPLUS), an old server's (no UIDPLUS either), a personal
/// namespace `INBOX.` with `.` (Courier, Cyrus, many hosted servers), an ACL that refuses CREATE. No folder is
/// created for the test: `Archive` is missing, as on Gmail, Exchange, Cyrus and Courier.
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable && PollCommandLine.isBuilt && PollWorld.hasSQLite3),
                             "needs Dovecot, the built crmservice and sqlite3"))
struct ServerVariantsTests {
    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        try Prerequisite.require(PollCommandLine.isBuilt, "the debug crmservice (swift build --build-tests)")
        try Prerequisite.require(PollWorld.hasSQLite3, "sqlite3")
    }

    static let variants: [Dovecot.Options] = [
        .init(imapCapability: Dovecot.Options.courierCapabilities),
        .init(imapCapability: Dovecot.Options.oldServerCapabilities),
        .init(namespace: ("INBOX.", ".")),
        .init(imapCapability: Dovecot.Options.courierCapabilities, namespace: ("INBOX.", ".")),
    ]

    @Test("§4 §12 The capture fixtures polled with after move:Archive (missing: created once, at notice) give the outcomes of replaying them, and end in the folder's name on the wire",
          arguments: variants)
    func fixturesThroughVariant(options: Dovecot.Options) throws {
        let dovecot = try Dovecot(options: options)
        let world = try PollWorld()
        let messages = PollWorld.fixtures + "/messages"
        let count = try PollWorld.files(in: messages).count
        try dovecot.load("corporate", "INBOX", [messages])

        let polled = try world.database("polled")
        let ran = try PollCommandLine.run([
            "poll", "--once", "--db", polled, "--url", dovecot.url(), "--user", "corporate",
            "--password-file", dovecot.passwordFile("corporate"), "--cacert", dovecot.cacert,
            "--mailbox-name", "corporate", "--after", "move:Archive"])
        #expect(ran.status == 0, "\(options): \(ran.err)")
        #expect(PollWorld.messages(in: ran.out) == count)
        #expect(ran.err.components(separatedBy: "created the after-action's folder").count - 1 == 1, "\(ran.err)")
        #expect(!ran.err.contains("after-action failed"), "\(ran.err)")

        let replayed = try world.database("replayed")
        let replay = try PollCommandLine.run(["replay", messages, "--db", replayed, "--mailbox-name", "corporate"])
        #expect(replay.status == 0, "\(replay.err)")
        #expect(PollWorld.counts(in: ran.out) == PollWorld.counts(in: replay.out))
        #expect(try world.outcomes("activities", polled) == world.outcomes("activities", replayed))
        #expect(try world.outcomes("unmatched", polled) == world.outcomes("unmatched", replayed))

        let wire = options.namespace == nil ? "Archive" : "INBOX.Archive"
        let archived = try dovecot.imap("corporate", "INBOX", "STATUS \(wire) (MESSAGES)")
        #expect(archived.contains("MESSAGES \(count))"), "\(options): \(archived)")
        // Without MOVE and UIDPLUS the copies stay flagged \Deleted in INBOX, never expunged (§12).
        let left = options.imapCapability == Dovecot.Options.oldServerCapabilities ? count : 0
        let inbox = try dovecot.imap("corporate", "INBOX", "STATUS INBOX (MESSAGES)")
        #expect(inbox.contains("MESSAGES \(left))"), "\(options): \(inbox)")
    }

    @Test("A CREATE the server refuses: one error, /healthz degraded with the server's reply, messages marked \\Seen instead, never a warning a message")
    func createRefused() async throws {
        let dovecot = try Dovecot(options: .init(namespace: ("INBOX.", "."), denyCreate: true))
        let files = Array(try PollWorld.files(in: PollWorld.fixtures + "/messages", prefix: "bulk-").prefix(5))
        try dovecot.load("corporate", "INBOX", Array(files[0..<3]))
        let db = try PollDatabase()
        let settings = MailboxSettings(
            name: "corporate", url: dovecot.url(), user: "corporate", passwordFile: dovecot.passwordFile("corporate"),
            cacert: dovecot.cacert, after: .move(folder: "Archive"))
        let health = AdminState(mailboxes: ["corporate"])
        let log = LogRecords()
        let service = MailboxPolling.service(settings, database: db.database, observer: health,
                                             logger: Logger(label: "variants") { _ in log.handler() }, once: true)

        guard case .polled(let first) = await service.pollOnce() else { Issue.record("the first poll failed"); return }
        #expect(first.outcomes.messages == 3 && first.afterActionFailures == 0)
        try dovecot.load("corporate", "INBOX", Array(files[3..<5]))
        guard case .polled(let second) = await service.pollOnce() else { Issue.record("the second poll failed"); return }
        #expect(second.outcomes.messages == 2 && second.afterActionFailures == 0)

        let errors = log.messages(at: .error)
        #expect(errors.count == 1, "\(errors)")
        #expect(log.messages(at: .warning).isEmpty, "\(log.messages(at: .warning))")
        let report = HealthReport(mailboxes: health.snapshot(), detailed: true)
        #expect(report.status == .degraded && report.httpStatus == 503)
        let reason = try #require(health.snapshot()["corporate"]?.afterActionError)
        #expect(reason.contains("NO [NOPERM]") && reason.contains(#"CREATE "INBOX.Archive""#), "\(reason)")
        #expect(report.json().contains("after_action_error"))

        let inbox = try ServerSession.open(dovecot, user: "corporate", folder: "INBOX")
        let uids = try inbox.uids(after: MessageUID(0))
        #expect(uids.count == 5)
        #expect(try inbox.seen(among: uids) == Set(uids), "the fallback marks them seen")
    }
}

/// Log records kept in memory, by level.
final class LogRecords: Sendable {
    private let records = Mutex<[(Logger.Level, String)]>([])

    func messages(at level: Logger.Level) -> [String] { records.withLock { $0.filter { $0.0 == level }.map(\.1) } }

    func handler() -> Handler { Handler(log: self) }

    struct Handler: LogHandler {
        let log: LogRecords
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let text = "\(event.message) \(event.metadata.map { "\($0)" } ?? "")"
            log.records.withLock { $0.append((event.level, text)) }
        }
    }
}

extension ServerVariantsTests {
    @Test("[TRYCREATE] during a move (the folder deleted since it was resolved): created again, the batch moved, no warning")
    func tryCreateDuringMove() async throws {
        let dovecot = try Dovecot.shared()
        let user = try dovecot.makeUser("trycreate")
        let files = Array(try PollWorld.files(in: PollWorld.fixtures + "/messages", prefix: "bulk-").prefix(4))
        try dovecot.load(user.name, "INBOX", Array(files[0..<2]))
        let db = try PollDatabase()
        let settings = MailboxSettings(
            name: user.name, url: dovecot.url(), user: user.name, passwordFile: dovecot.passwordFile(user.name),
            cacert: dovecot.cacert, after: .move(folder: "Done/Kunden-Ä"))
        let log = LogRecords()
        let service = MailboxPolling.service(settings, database: db.database, observer: RecordingObserver(),
                                             logger: Logger(label: "variants") { _ in log.handler() }, once: true)
        guard case .polled = await service.pollOnce() else { Issue.record("the first poll failed"); return }
        try dovecot.imap(user.name, "INBOX", #"DELETE "Done/Kunden-&AMQ-""#)
        try dovecot.load(user.name, "INBOX", Array(files[2..<4]))
        guard case .polled(let second) = await service.pollOnce() else { Issue.record("the second poll failed"); return }
        #expect(second.outcomes.messages == 2 && second.afterActionFailures == 0)
        #expect(log.messages(at: .warning).isEmpty && log.messages(at: .error).isEmpty,
                "\(log.messages(at: .warning)) \(log.messages(at: .error))")
        #expect(log.messages(at: .notice).filter { $0.contains("created the after-action's folder") }.count == 2)
        let archived = try dovecot.imap(user.name, "INBOX", #"STATUS "Done/Kunden-&AMQ-" (MESSAGES)"#)
        #expect(archived.contains("MESSAGES 2)"), "\(archived)")
        #expect(try ServerSession.open(dovecot, user: user.name, folder: "INBOX").status().messages == 0)
    }
}
