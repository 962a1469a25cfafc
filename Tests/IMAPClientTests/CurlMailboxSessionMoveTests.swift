import CRMCore
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import IMAPClient

/// `move` on a real Dovecot that announces neither MOVE nor UIDPLUS (its `imap_capability` narrowed; an instance of
/// the test's own), INTERFACE.md §12.
@Suite(.enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot"))
struct CurlMailboxSessionMoveTests {
    @Test("§12 move without MOVE and UIDPLUS never expunges another message: copied and flagged \\Deleted, no EXPUNGE, said once at notice")
    func moveWithoutUIDPLUS() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        let server = try Dovecot(imapCapability: Dovecot.capabilities(without: ["MOVE", "UIDPLUS"]))
        let user = try server.makeUser("nouidplus")
        let (dir, files) = try CurlMailboxSessionTests.makeMessages(3, prefix: "nouidplus")
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "INBOX", files.map(\.path))
        try server.imap(user.name, "INBOX", "CREATE Archive")
        // Another client flags UID 3 for deletion; it is that client's to expunge, or not.
        try server.imap(user.name, "INBOX", "UID STORE 3 +FLAGS (\\Deleted)")

        let records = CapturedLog()
        let logger = Logger(label: "imap-move-test") { _ in records.handler() }
        func session(_ folder: String = "INBOX") throws -> CurlMailboxSession {
            CurlMailboxSession(
                endpoint: try IMAPEndpoint(url: server.url(folder), user: user.name,
                                           credential: .password(user.password), caCertificatePath: server.cacert),
                logger: logger)
        }
        let first = try session()
        #expect(try first.capabilities().isDisjoint(with: ["MOVE", "UIDPLUS"]))
        try first.move([MessageUID(1)], to: "Archive")
        try session().move(MessageUID(2), to: "Archive")

        let inbox = try session()
        #expect(try inbox.uids(after: MessageUID(0)) == [1, 2, 3].map { MessageUID($0) })
        let flags = IMAPResponseParser.flagsByUID(Array(try server.imap(user.name, "INBOX", "UID FETCH 1:3 (FLAGS)").utf8))
        #expect((1...3).allSatisfy { flags[$0]?.contains("\\DELETED") == true }, "\(flags)")
        #expect(try session("Archive").status().messages == 2)
        let notices = records.messages(at: .notice)
        #expect(notices.count == 1, "\(notices)")
        #expect(notices.first?.contains("UIDPLUS") == true)
    }
}

/// Log records kept in memory, for a test that checks what was logged.
final class CapturedLog: Sendable {
    private let records = Mutex<[(Logger.Level, String)]>([])

    func messages(at level: Logger.Level) -> [String] {
        records.withLock { $0.filter { $0.0 == level }.map(\.1) }
    }

    func handler() -> Handler { Handler(log: self) }

    fileprivate func append(_ level: Logger.Level, _ message: String) {
        records.withLock { $0.append((level, message)) }
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(event.level, "\(event.message)")
        }
    }
}
