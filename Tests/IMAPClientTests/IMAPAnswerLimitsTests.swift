import CRMCore
import Foundation
import Testing
import TestSupport

@testable import IMAPClient

/// §12: what a server's answers can make us allocate is bounded (fakes of answers no real server sends on demand).
@Suite struct IMAPAnswerLimitsTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("§12 RFC822.SIZE per UID, items in any order; replies without both are skipped")
    func sizes() {
        let reply = bytes("""
            * 1 FETCH (UID 10 RFC822.SIZE 2048)\r
            * 2 FETCH (RFC822.SIZE 99999999999 UID 11)\r
            * 3 FETCH (FLAGS (\\Seen))\r
            * 4 FETCH (UID 13 RFC822.SIZE many)\r

            """)
        #expect(IMAPResponseParser.sizesByUID(reply) == [10: 2048, 11: 99_999_999_999])
    }

    @Test("§12 a transfer buffer never holds more than its limit: past it the transfer aborts")
    func transferBuffer() {
        let buffer = TransferBuffer(limit: 10)
        let chunk = [UInt8](repeating: 0x41, count: 6)
        chunk.withUnsafeBufferPointer { #expect(buffer.append($0)) }
        chunk.withUnsafeBufferPointer { #expect(!buffer.append($0)) }
        #expect(buffer.body.count == 6)
        buffer.reset()
        chunk.withUnsafeBufferPointer { #expect(buffer.append($0)) }
        #expect(buffer.body == chunk)
    }

    @Test("§12 the header section ends at the first empty line (CRLF or LF) and is bounded")
    func header() {
        #expect(headerSection(of: bytes("A: 1\r\nB: 2\r\n\r\nbody\r\n")) == bytes("A: 1\r\nB: 2\r\n\r\n"))
        #expect(headerSection(of: bytes("A: 1\nB: 2\n\nbody\n")) == bytes("A: 1\nB: 2\n\n"))
        #expect(headerSection(of: bytes("A: 1\r\nB: 2\r\n")) == bytes("A: 1\r\nB: 2\r\n"))
        #expect(headerSection(of: bytes("A: 1234567890\r\n\r\n"), bound: 4) == bytes("A: 1"))
    }
}

/// §12 calls of `CurlMailboxSession` against the real Dovecot.
@Suite struct CurlMailboxSessionLimitsTests {
    let server: Dovecot
    init() throws { server = try Dovecot.shared() }

    func session(_ user: (name: String, password: String)) throws -> CurlMailboxSession {
        let endpoint = try IMAPEndpoint(url: server.url(), user: user.name, credential: .password(user.password),
                                        caCertificatePath: server.cacert)
        return CurlMailboxSession(endpoint: endpoint)
    }

    @Test("§12 sizes come before the fetch; a bounded fetch refuses a larger message; its header section comes alone")
    func sizesHeaderAndBoundedFetch() throws {
        let user = try server.makeUser("limits")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crm-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "From: a@example.com\r\nTo: b@example.org\r\nSubject: big\r\nMessage-ID: <big@example.com>\r\n\r\n"
        let big = Array(header.utf8) + Array(String(repeating: String(repeating: "z", count: 78) + "\r\n", count: 1_000).utf8)
        let small = Array("From: a@example.com\r\nSubject: small\r\n\r\nhello\r\n".utf8)
        try Data(small).write(to: dir.appendingPathComponent("1.eml"))
        try Data(big).write(to: dir.appendingPathComponent("2.eml"))
        try server.load(user.name, "INBOX", [dir.appendingPathComponent("1.eml").path,
                                                            dir.appendingPathComponent("2.eml").path])
        let s = try session(user)
        let status = try s.status()
        #expect(try s.sizes(of: [MessageUID(1), MessageUID(2)]) == [MessageUID(1): small.count, MessageUID(2): big.count])
        let refused = #expect(throws: MessageOverLimit.self) {
            try s.fetch(MessageUID(2), uidValidity: status.uidValidity, limit: 20_000)
        }
        #expect(refused?.uid == MessageUID(2) && refused.map { $0.received > 20_000 && $0.received <= big.count } == true)
        #expect(try s.fetchHeader(MessageUID(2), uidValidity: status.uidValidity) == Array(header.utf8))
        #expect(try s.fetch(MessageUID(1), uidValidity: status.uidValidity, limit: small.count) == small)
    }
}
