import CRMCore
import Foundation
import TestSupport
import Testing

@testable import IMAPClient

/// Message fetches over `PeekConnection` against a real Dovecot: `BODY.PEEK[]` in an EXAMINEd folder, literals read
/// by count.
@Suite(.enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot")) struct PeekFetchTests {
    let server: Dovecot

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
        server = try Dovecot.shared()
    }

    func session(_ user: (name: String, password: String), tls: Bool = true, folder: String = "INBOX")
        throws -> CurlMailboxSession {
        CurlMailboxSession(endpoint: try IMAPEndpoint(
            url: server.url(folder, tls: tls), user: user.name, credential: .password(user.password),
            caCertificatePath: server.cacert, connectTimeout: .seconds(10), lowSpeedTimeout: .seconds(30)))
    }

    /// Writes messages (LF line ends) into a fresh directory, loads them into `folder` (UIDs 1, 2...), and returns
    /// what Dovecot serves for each (CRLF line ends).
    func load(_ texts: [String], user: String, folder: String = "INBOX") throws -> [[UInt8]] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crm-peek-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, text) in texts.enumerated() {
            let url = dir.appendingPathComponent(String(format: "%06d.eml", i))
            try Data(text.utf8).write(to: url)
            paths.append(url.path)
        }
        try server.load(user, folder, paths)
        return texts.map { CurlMailboxSessionTests.crlf(Array($0.utf8)) }
    }

    static let header = """
        From: Alice <alice@example.com>
        To: Bob <bob@example.org>
        Subject: peek
        Message-ID: <peek@example.com>


        """

    @Test("§4 a fetch never marks the message \\Seen (imaps and imap:// STARTTLS)", arguments: [true, false])
    func fetchNeverSetsSeen(tls: Bool) throws {
        let user = try server.makeUser("peek")
        let served = try load([Self.header + "Unread mail.\n", Self.header + "Other.\n"], user: user.name)
        let s = try session(user, tls: tls)
        let validity = try s.status().uidValidity
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        #expect(try s.fetch(MessageUID(2), uidValidity: validity, limit: 1 << 20) == served[1])
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])  // the connection is kept
        #expect(try s.seen(among: [MessageUID(1), MessageUID(2)]).isEmpty)
        // A fresh connection sees the same flags.
        #expect(try session(user, tls: tls).isSeen(MessageUID(1)) == false)
    }

    @Test("A message whose lines look like tagged replies and literals comes back byte for byte")
    func hostileLines() throws {
        let user = try server.makeUser("hostile")
        let body = "P1 OK done\nP2 OK done\nP3 OK done\nA001 OK\nA002 OK Fetch completed\n* 1 FETCH (UID 1 BODY[] {5}\n"
            + "{5}\nabcde\n{3+}\n)\n* BYE bye\nP2 NO stop\n"
        let served = try load([Self.header + body, Self.header + "After.\n"], user: user.name)
        let s = try session(user)
        let validity = try s.status().uidValidity
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        #expect(try s.fetch(MessageUID(2), uidValidity: validity) == served[1])
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        #expect(try s.seen(among: [MessageUID(1), MessageUID(2)]).isEmpty)
    }

    /// A 3 MB message: far past libcurl's receive buffer and our 64 KiB reads.
    static let large = header + (0..<65_000).map { "line \($0) of a large message: 0123456789abcdef\n" }.joined()

    @Test("A message larger than libcurl's buffer comes back whole")
    func largeMessage() throws {
        let user = try server.makeUser("large")
        let served = try load([Self.large], user: user.name)
        #expect(served[0].count > 3_000_000)
        let s = try session(user)
        let validity = try s.status().uidValidity
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        #expect(try s.isSeen(MessageUID(1)) == false)
    }

    @Test("§12 a message over the limit fails on the size the server announced, before it is read; then all is well")
    func overLimit() throws {
        let user = try server.makeUser("over")
        let served = try load([Self.large, Self.header + "Small.\n"], user: user.name)
        let s = try session(user)
        let validity = try s.status().uidValidity
        let error = try #require(throws: MessageOverLimit.self) {
            try s.fetch(MessageUID(1), uidValidity: validity, limit: 1000)
        }
        // The announced size, exactly: the literal's bytes were never read.
        #expect(error == MessageOverLimit(uid: MessageUID(1), limit: 1000, received: served[0].count))
        #expect(try s.fetch(MessageUID(2), uidValidity: validity, limit: 1000) == served[1])
        #expect(try s.isSeen(MessageUID(1)) == false)
    }

    @Test("A UID that does not exist fails clearly; a wrong UIDVALIDITY fails; the next fetch works")
    func missingUID() throws {
        let user = try server.makeUser("missing")
        let served = try load([Self.header + "Only.\n"], user: user.name, folder: "Work")
        let s = try session(user, folder: "Work")
        let validity = try s.status().uidValidity
        let error = try #require(throws: IMAPError.self) { try s.fetch(MessageUID(99), uidValidity: validity) }
        #expect(error.kind == .protocolError)
        #expect(error.message.contains("no message with UID 99"))
        #expect(error.message.contains("Work"))
        #expect(!error.message.contains(user.password))
        let wrong = try #require(throws: IMAPError.self) {
            try s.fetch(MessageUID(1), uidValidity: UIDValidity(validity.rawValue &+ 1))
        }
        #expect(wrong.message.contains("UIDVALIDITY"))
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
    }

    @Test("A header-only fetch returns exactly the header section, and does not mark the message \\Seen")
    func headerOnly() throws {
        let user = try server.makeUser("header")
        let served = try load([Self.header + "Body line.\n\nSecond paragraph.\n"], user: user.name)
        let s = try session(user)
        let header = try s.fetchHeader(MessageUID(1), uidValidity: s.status().uidValidity)
        #expect(header == CurlMailboxSessionTests.crlf(Array(Self.header.utf8)))
        #expect(header == headerSection(of: served[0]))
        #expect(try s.isSeen(MessageUID(1)) == false)
    }

    @Test("A kept peek connection the server dropped is replaced: the next fetch succeeds")
    func droppedConnection() throws {
        let user = try server.makeUser("drop")
        let served = try load([Self.header + "One.\n", Self.header + "Two.\n"], user: user.name)
        let s = try session(user)
        let validity = try s.status().uidValidity
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        #expect(s.peek.isOpen)
        // The user's imap processes (`doveadm who`: `name 2 imap (pid pid) (ip)`) killed: their connections are
        // closed, as by an idle timeout or a restart. (SIGKILL: SIGTERM is ignored by the imap processes of the
        // test's Dovecot.)
        let who = try Spawn.run(["doveadm", "-c", server.directory.appendingPathComponent("dovecot.conf").path, "who",
                                 user.name]).out
        let line = try #require(who.split(separator: "\n").first { $0.hasPrefix(user.name + " ") }, "\(who)")
        let inParentheses = try #require(line.split(separator: "(").dropFirst().first?.split(separator: ")").first)
        let pids = inParentheses.split(separator: " ").compactMap { pid_t($0) }
        try #require(!pids.isEmpty && pids.allSatisfy { $0 > 2 }, "\(who)")
        for pid in pids { kill(pid, SIGKILL) }
        for pid in pids {
            for _ in 0..<400 where kill(pid, 0) == 0 { usleep(25_000) }
        }
        #expect(try s.fetch(MessageUID(2), uidValidity: validity) == served[1])
        #expect(try session(user).seen(among: [MessageUID(1), MessageUID(2)]).isEmpty)
    }

    @Test("XOAUTH2 logs the peek connection in too; a session closed and reopened fetches again")
    func xoauth2AndReconnect() throws {
        let user = try server.makeUser("peekoauth")
        let served = try load([Self.header + "Token.\n"], user: user.name)
        let s = CurlMailboxSession(endpoint: try IMAPEndpoint(
            url: server.url(tls: false), user: user.name, credential: .oauth2Bearer(user.password),
            caCertificatePath: server.cacert))
        let validity = try s.status().uidValidity
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        s.closeConnection()
        #expect(!s.peek.isOpen)
        #expect(try s.fetch(MessageUID(1), uidValidity: validity) == served[0])
        #expect(try s.isSeen(MessageUID(1)) == false)
    }
}
