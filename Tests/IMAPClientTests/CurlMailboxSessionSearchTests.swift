import CRMCore
import Foundation
import TestSupport
import Testing

@testable import IMAPClient

/// Searches of `CurlMailboxSession` on mailboxes whose UIDs are sparse, against a real Dovecot (the shared one, a
/// fresh user per test; the mailbox written by `scripts/dovecot fill`).
@Suite(.enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot"))
struct CurlMailboxSessionSearchTests {
    let server: Dovecot

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        server = try Dovecot.shared()
    }

    func session(_ user: (name: String, password: String), without ignored: Set<String>) throws -> CurlMailboxSession {
        let endpoint = try IMAPEndpoint(
            url: server.url(), user: user.name, credential: .password(user.password), caCertificatePath: server.cacert,
            connectTimeout: .seconds(10), lowSpeedTimeout: .seconds(60))
        let session = CurlMailboxSession(endpoint: endpoint)
        session.ignoredCapabilities = ignored
        return session
    }

    @Test("§12 the checkpoint never passes a UID the SEARCH answer did not account for: 100,000 messages among 200,000 UIDs (every other one expunged) are all found, with and without ESEARCH")
    func sparseMailbox() throws {
        let user = try server.makeUser("sparse")
        try server.fill(user.name, "INBOX", count: 100_000, uidStep: 2)
        let expected = stride(from: 2, through: 200_000, by: 2).map { MessageUID(UInt32($0)) }
        for ignored: Set<String> in [[], ["ESEARCH"]] {
            let s = try session(user, without: ignored)
            #expect(try s.status().uidNext == MessageUID(200_001))
            #expect(try s.uids(after: MessageUID(0)) == expected, "without \(ignored)")
            #expect(try s.uids(after: MessageUID(150_000), through: MessageUID(150_010))
                == stride(from: 150_002, through: 150_010, by: 2).map { MessageUID(UInt32($0)) })
            #expect(try s.uids(after: MessageUID(199_999), through: MessageUID(200_000)) == [MessageUID(200_000)])
            #expect(try s.uids(since: "2000-01-01", through: MessageUID(20)).count == 10)
        }
    }

    @Test("UIDs a million apart are found, with and without ESEARCH (with it, ranges holding nothing are skipped)")
    func farApart() throws {
        let user = try server.makeUser("apart")
        try server.fill(user.name, "INBOX", count: 3, uidStep: 1_000_000)
        let expected = [1_000_000, 2_000_000, 3_000_000].map { MessageUID(UInt32($0)) }
        for ignored: Set<String> in [[], ["ESEARCH"]] {
            let s = try session(user, without: ignored)
            #expect(try s.uids(after: MessageUID(0)) == expected, "without \(ignored)")
            #expect(try s.uids(after: MessageUID(1_000_000)) == Array(expected.dropFirst()))
        }
    }
}
