import CRMCore
import Foundation
import TestSupport
import Testing

@testable import IMAPClient

/// CurlMailboxSession against a real Dovecot (`Dovecot.shared()`: one per test process, a fresh user per test).
@Suite(.enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot")) struct CurlMailboxSessionTests {
    let server: Dovecot

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        server = try Dovecot.shared()
    }

    func session(
        user: String, password: String, tls: Bool = true, folder: String = "INBOX", trustOurCA: Bool = true
    ) throws -> CurlMailboxSession {
        let endpoint = try IMAPEndpoint(
            url: server.url(folder, tls: tls), user: user, credential: .password(password),
            caCertificatePath: trustOurCA ? server.cacert : nil, connectTimeout: .seconds(10),
            lowSpeedTimeout: .seconds(30))
        return CurlMailboxSession(endpoint: endpoint)
    }

    /// Writes `count` small LF-terminated messages into a fresh temporary directory.
    static func makeMessages(_ count: Int, prefix: String = "m") throws -> (dir: URL, files: [URL]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crm-eml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var files: [URL] = []
        for i in 0..<count {
            let text = """
                From: Alice <alice@example.com>
                To: Bob <bob@example.org>
                Subject: \(prefix) \(i)
                Date: Mon, 1 Dec 2025 10:00:00 +0000
                Message-ID: <\(prefix)-\(i)@example.com>

                Body of message \(i).

                """
            let url = dir.appendingPathComponent(String(format: "%06d.eml", i))
            try Data(text.utf8).write(to: url)
            files.append(url)
        }
        return (dir, files)
    }

    @Test("STARTTLS on the plain port and TLS on the imaps port both work with our CA", arguments: [false, true])
    func tlsWithOurCA(imaps: Bool) throws {
        let user = try server.makeUser("tls")
        let s = try session(user: user.name, password: user.password, tls: imaps)
        let caps = try s.capabilities()
        #expect(caps.isSuperset(of: ["MOVE", "ESEARCH", "UIDPLUS"]))
        let status = try s.status()
        #expect(status.messages == 0)
        #expect(status.uidNext == MessageUID(1))
    }

    @Test("The system CAs do not trust our certificate: kind tls", arguments: [false, true])
    func systemCARejects(imaps: Bool) throws {
        let user = try server.makeUser("ca")
        let s = try session(user: user.name, password: user.password, tls: imaps, trustOurCA: false)
        let error = try #require(throws: IMAPError.self) { try s.status() }
        #expect(error.kind == .tls)
    }

    @Test("A wrong password is kind auth and the message names host and folder, never the password")
    func wrongPassword() throws {
        let user = try server.makeUser("auth")
        let wrong = "Wrong-\(UUID().uuidString)"
        for tls in [false, true] {
            let s = try session(user: user.name, password: wrong, tls: tls, folder: "Some%20Folder")
            let error = try #require(throws: IMAPError.self) { try s.status() }
            #expect(error.kind == .auth)
            #expect(!error.message.contains(wrong))
            #expect(!"\(error)".contains(wrong))
            #expect(error.message.contains("127.0.0.1"))
            #expect(error.message.contains("Some Folder"))
        }
    }

    @Test("XOAUTH2: a bearer token logs in (the test Dovecot takes the password as token); a wrong one is kind auth")
    func xoauth2() throws {
        let user = try server.makeUser("oauth")
        let good = CurlMailboxSession(
            endpoint: try IMAPEndpoint(
                url: server.url(tls: false), user: user.name, credential: .oauth2Bearer(user.password),
                caCertificatePath: server.cacert))
        #expect(try good.status().messages == 0)
        let wrongToken = "token-\(UUID().uuidString)"
        let bad = CurlMailboxSession(
            endpoint: try IMAPEndpoint(
                url: server.url(), user: user.name, credential: .oauth2Bearer(wrongToken),
                caCertificatePath: server.cacert))
        let error = try #require(throws: IMAPError.self) { try bad.status() }
        #expect(error.kind == .auth)
        #expect(!error.message.contains(wrongToken))
    }

    @Test("A closed port is kind connect")
    func closedPort() throws {
        let endpoint = try IMAPEndpoint(
            url: "imaps://127.0.0.1:1/INBOX", user: "x", credential: .password("secret-x"),
            caCertificatePath: server.cacert)
        let error = try #require(throws: IMAPError.self) { try CurlMailboxSession(endpoint: endpoint).status() }
        #expect(error.kind == .connect)
    }

    @Test("status, uids and fetch on a few messages; bodies come back with CRLF line ends")
    func statusUIDsFetch() throws {
        let user = try server.makeUser("few")
        let (dir, files) = try Self.makeMessages(3)
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "Work", files.map(\.path))
        let s = try session(user: user.name, password: user.password, folder: "Work")
        let status = try s.status()
        #expect(status.messages == 3)
        #expect(status.uidNext == MessageUID(4))
        #expect(try s.uids(after: MessageUID(0)) == [1, 2, 3].map { MessageUID($0) })
        #expect(try s.uids(after: MessageUID(2)) == [MessageUID(3)])
        #expect(try s.uids(after: MessageUID(3)) == [])
        #expect(try s.uids(since: "2000-01-01") == [1, 2, 3].map { MessageUID($0) })
        #expect(try s.uids(since: "2100-01-01") == [])
        for (i, file) in files.enumerated() {
            let body = try s.fetch(MessageUID(UInt32(i + 1)), uidValidity: status.uidValidity)
            let original = try [UInt8](Data(contentsOf: file))
            #expect(body == Self.crlf(original))
        }
        // A wrong UIDVALIDITY fails rather than fetching another message.
        #expect(throws: IMAPError.self) {
            try s.fetch(MessageUID(1), uidValidity: UIDValidity(status.uidValidity.rawValue &+ 1))
        }
        // The session reconnects after a failed transfer.
        #expect(try s.status() == status)
    }

    @Test("20,000 messages: uids(after: 0) returns all of them, ascending; uids(after: 19,990) the last 10")
    func twentyThousand() throws {
        let user = try server.makeUser("bulk")
        let (dir, _) = try Self.makeMessages(20_000)
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "Bulk", [dir.path])
        let s = try session(user: user.name, password: user.password, folder: "Bulk")
        #expect(try s.status().messages == 20_000)
        let all = try s.uids(after: MessageUID(0))
        #expect(all.count == 20_000)
        #expect(all == (1...20_000).map { MessageUID(UInt32($0)) })
        let last = try s.uids(after: MessageUID(19_990))
        #expect(last == (19_991...20_000).map { MessageUID(UInt32($0)) })
        #expect(try s.uids(after: MessageUID(20_000)) == [])
        #expect(try s.uids(since: "2000-01-01").count == 20_000)

        // Without ESEARCH: `UID SEARCH UID a:b` over bounded ranges.
        let plain = try session(user: user.name, password: user.password, folder: "Bulk")
        plain.ignoredCapabilities = ["ESEARCH"]
        #expect(try plain.uids(after: MessageUID(0)) == all)
        #expect(try plain.uids(after: MessageUID(19_990)) == last)
        #expect(try plain.uids(after: MessageUID(20_000)) == [])
        #expect(try plain.uids(since: "2000-01-01") == all)
        #expect(try plain.uids(since: "2100-01-01") == [])
    }

    @Test("setSeen and isSeen round trip")
    func seenRoundTrip() throws {
        let user = try server.makeUser("seen")
        let (dir, files) = try Self.makeMessages(2)
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "INBOX", files.map(\.path))
        let s = try session(user: user.name, password: user.password)
        #expect(try s.isSeen(MessageUID(1)) == false)
        try s.setSeen(true, MessageUID(1))
        #expect(try s.isSeen(MessageUID(1)) == true)
        #expect(try s.isSeen(MessageUID(2)) == false)
        try s.setSeen(false, MessageUID(1))
        #expect(try s.isSeen(MessageUID(1)) == false)
        // A fetch never sets \Seen (BODY.PEEK[]); setSeen does.
        _ = try s.fetch(MessageUID(2), uidValidity: s.status().uidValidity)
        #expect(try s.isSeen(MessageUID(2)) == false)
        try s.setSeen(true, MessageUID(2))
        // A fresh connection sees the same flags.
        let other = try session(user: user.name, password: user.password)
        #expect(try other.isSeen(MessageUID(2)) == true)
        #expect(throws: IMAPError.self) { try s.isSeen(MessageUID(99)) }
    }

    @Test("Batches: seen(among:), setSeen and move on a UID set, one command each, with and without MOVE")
    func batches() throws {
        let user = try server.makeUser("batch")
        let (dir, files) = try Self.makeMessages(8)
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "INBOX", files[0..<7].map(\.path))
        try server.load(user.name, "Archive", [files[7].path])
        let s = try session(user: user.name, password: user.password)
        let all = (1...7).map { MessageUID(UInt32($0)) }
        #expect(try s.seen(among: all).isEmpty)
        try s.setSeen(true, [MessageUID(1), MessageUID(2), MessageUID(3), MessageUID(5)])
        #expect(try s.seen(among: all) == [MessageUID(1), MessageUID(2), MessageUID(3), MessageUID(5)])
        #expect(try s.seen(among: [MessageUID(2), MessageUID(4)]) == [MessageUID(2)])
        try s.setSeen(false, [MessageUID(2), MessageUID(3)])
        #expect(try s.seen(among: all) == [MessageUID(1), MessageUID(5)])

        try s.move([MessageUID(1), MessageUID(2), MessageUID(4)], to: "Archive")
        #expect(try s.uids(after: MessageUID(0)) == [MessageUID(3), MessageUID(5), MessageUID(6), MessageUID(7)])
        s.ignoredCapabilities = ["MOVE"]
        try s.move([MessageUID(6), MessageUID(7)], to: "Archive")
        #expect(try s.uids(after: MessageUID(0)) == [MessageUID(3), MessageUID(5)])
        let archive = try session(user: user.name, password: user.password, folder: "Archive")
        #expect(try archive.status().messages == 6)
    }

    @Test("imapSequenceSet: ascending ranges, duplicates dropped")
    func sequenceSets() {
        #expect(imapSequenceSet([3, 1, 2, 7, 9, 10, 10].map { MessageUID($0) }) == "1:3,7,9:10")
        #expect(imapSequenceSet([MessageUID(5)]) == "5")
        #expect(imapSequenceSet([]) == "")
    }

    @Test("move takes the message out of the source folder and into the target")
    func move() throws {
        let user = try server.makeUser("move")
        let (dir, files) = try Self.makeMessages(3)
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "INBOX", Array(files[0..<2]).map(\.path))
        try server.load(user.name, "Done/2025", [files[2].path])
        let s = try session(user: user.name, password: user.password)
        try s.move(MessageUID(1), to: "Done/2025")
        #expect(try s.uids(after: MessageUID(0)) == [MessageUID(2)])
        #expect(try s.status().messages == 1)
        let target = try session(user: user.name, password: user.password, folder: "Done%2F2025")
        #expect(try target.status().messages == 2)
        let uids = try target.uids(after: MessageUID(0))
        #expect(uids.count == 2)
        // The moved message is one of the two (which UID it got depends on when Dovecot indexed the file loaded
        // into the target's new/).
        let validity = try target.status().uidValidity
        let bodies = try uids.map { try target.fetch($0, uidValidity: validity) }
        #expect(bodies.contains(Self.crlf(try [UInt8](Data(contentsOf: files[0])))))
        #expect(bodies.contains(Self.crlf(try [UInt8](Data(contentsOf: files[2])))))
        #expect(throws: IMAPError.self) { try s.move(MessageUID(2), to: "No such folder") }

        // Without MOVE: UID COPY, \Deleted, UID EXPUNGE.
        s.ignoredCapabilities = ["MOVE"]
        try s.move(MessageUID(2), to: "Done/2025")
        #expect(try s.uids(after: MessageUID(0)) == [])
        #expect(try s.status().messages == 0)
        #expect(try target.status().messages == 3)
    }

    @Test("UIDVALIDITY changes after scripts/dovecot reset-uidvalidity")
    func uidValidityReset() throws {
        let user = try server.makeUser("reset")
        let (dir, files) = try Self.makeMessages(2)
        defer { try? FileManager.default.removeItem(at: dir) }
        try server.load(user.name, "Reset", files.map(\.path))
        let before = try session(user: user.name, password: user.password, folder: "Reset").status()
        try server.resetUIDValidity(user.name, "Reset")
        let after = try session(user: user.name, password: user.password, folder: "Reset").status()
        #expect(after.uidValidity != before.uidValidity)
        #expect(after.messages == 2)
    }

    /// LF → CRLF (lone LFs only), as Dovecot serves a Maildir file written with LF line ends.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 20)
        var previous: UInt8 = 0
        for b in bytes {
            if b == 0x0A && previous != 0x0D { out.append(0x0D) }
            out.append(b)
            previous = b
        }
        return out
    }
}
