import CRMCore
import Foundation
import TestSupport
import Testing

@testable import IMAPClient

/// NAMESPACE, LIST and CREATE for the after-action's folder, and the error of a failed command, against real Dovecots
/// configured like other servers (issue #15).
@Suite(.enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot"))
struct FolderCommandsTests {
    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
    }

    func session(_ server: Dovecot, _ user: String, folder: String = "INBOX") throws -> CurlMailboxSession {
        CurlMailboxSession(endpoint: try IMAPEndpoint(
            url: server.url(folder), user: user, credential: .password(try server.password(user)),
            caCertificatePath: server.cacert, connectTimeout: .seconds(10), lowSpeedTimeout: .seconds(30)))
    }

    @Test("A failed command's error quotes its own tagged reply and the command (NO [TRYCREATE]), never the LOGOUT libcurl sends after it")
    func errorQuotesTheFailedCommand() throws {
        let server = try Dovecot.shared()
        let user = try server.makeUser("trycreate")
        let (dir, files) = try CurlMailboxSessionTests.makeMessages(1, prefix: "trycreate")
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "INBOX", files.map(\.path))
        let error = try #require(throws: IMAPError.self) {
            try session(server, user.name).move([MessageUID(1)], to: "Missing")
        }
        #expect(error.message.contains(#"UID MOVE 1 "Missing""#), "\(error.message)")
        #expect(error.serverReply?.hasPrefix("NO [TRYCREATE] ") == true, "\(error.message)")
        #expect(error.asksToCreate)
        #expect(!error.message.contains("Logout") && !error.message.contains("OK "), "\(error.message)")
    }

    @Test("A stock Dovecot: namespace \"\" with '/'; a missing folder is created once and then exists")
    func stockNamespaceAndCreate() throws {
        let server = try Dovecot.shared()
        let user = try server.makeUser("folders")
        let s = try session(server, user.name)
        #expect(try s.folderHierarchy() == FolderHierarchy(prefix: "", separator: "/"))
        let wire = try s.folderHierarchy().wireName(for: "Erledigt/Kunden-Ä")
        #expect(try !s.folderExists(wire))
        try s.createFolder(wire)
        #expect(try s.folderExists(wire))
        #expect(try s.folderExists("INBOX") && s.folderExists("inbox"))
        #expect(try !s.folderExists("Erledigt"), "a parent CREATE made exists only as \\Noselect or not at all")
        let listed = try server.imap(user.name, "INBOX", #"LIST "" "*""#)
        #expect(listed.contains("Erledigt/Kunden-&AMQ-"), "\(listed)")
    }

    @Test("Dovecot with namespace INBOX. and '.' (as Courier and Cyrus): Archive is INBOX.Archive on the wire")
    func prefixedNamespace() throws {
        let server = try Dovecot(options: .init(namespace: ("INBOX.", ".")))
        let s = try session(server, "corporate")
        let hierarchy = try s.folderHierarchy()
        #expect(hierarchy == FolderHierarchy(prefix: "INBOX.", separator: "."))
        #expect(hierarchy.wireName(for: "Archive") == "INBOX.Archive")
        #expect(try !s.folderExists("INBOX.Archive"))
        try s.createFolder("INBOX.Archive")
        #expect(try s.folderExists("INBOX.Archive"))
    }

    @Test("A CREATE the server refuses (an ACL) throws its tagged reply: NO [NOPERM], and the command")
    func createRefused() throws {
        let server = try Dovecot(options: .init(namespace: ("INBOX.", "."), denyCreate: true))
        let error = try #require(throws: IMAPError.self) { try session(server, "corporate").createFolder("INBOX.Archive") }
        #expect(error.serverReply?.hasPrefix("NO [NOPERM]") == true, "\(error.message)")
        #expect(error.responseCode == "NOPERM")
        #expect(error.message.contains(#"CREATE "INBOX.Archive""#), "\(error.message)")
    }

    @Test("§4 A batch of UIDs in one UID FETCH: the same bytes as one by one, a missing UID absent, nothing marked \\Seen")
    func batchFetch() throws {
        let server = try Dovecot.shared()
        let user = try server.makeUser("batch")
        let (dir, files) = try CurlMailboxSessionTests.makeMessages(5, prefix: "batch")
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "INBOX", files.map(\.path))
        let s = try session(server, user.name)
        let validity = try s.status().uidValidity
        let uids = [1, 2, 3, 5, 99].map { MessageUID($0) }
        let batch = try s.fetch(uids, uidValidity: validity, limit: 1 << 20)
        #expect(batch.keys.sorted() == [1, 2, 3, 5].map { MessageUID($0) })
        for uid in [1, 2, 3, 5].map({ MessageUID($0) }) {
            #expect(batch[uid] == (try s.fetch(uid, uidValidity: validity)), "UID \(uid)")
            #expect(batch[uid].map { String(decoding: $0, as: UTF8.self).contains("batch-\(uid.rawValue - 1)@") } == true)
        }
        #expect(try s.seen(among: [1, 2, 3, 4, 5].map { MessageUID($0) }).isEmpty)
        // A literal over the limit fails the whole command (the poller then fetches one by one).
        #expect(throws: IMAPError.self) { try s.fetch(uids, uidValidity: validity, limit: 50) }
    }
}
