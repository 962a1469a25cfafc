import Foundation
import Testing
@testable import MailMIME

/// A 50 MB attachment must parse in one pass with peak memory under 3× the message size.
@Suite("Large mail", .serialized)
struct LargeMailTests {
    static let payloadSize = 50 * 1024 * 1024

    static func message() -> [UInt8] {
        var bytes = Array("""
            From: big@example.com\r
            Subject: large\r
            Content-Type: multipart/mixed; boundary="big"\r
            \r
            --big\r
            Content-Type: text/plain\r
            \r
            see attachment\r
            --big\r
            Content-Type: application/octet-stream; name="big.bin"\r
            Content-Transfer-Encoding: base64\r
            \r

            """.utf8)
        bytes.reserveCapacity(payloadSize * 14 / 10 + 200)
        // 57 bytes of 0...56 per line encode to the same 76 characters each time; no need to build the payload.
        let line = Array(Data((0..<57).map { UInt8($0) }).base64EncodedString().utf8) + [0x0D, 0x0A]
        for _ in 0..<(payloadSize / 57) { bytes.append(contentsOf: line) }
        bytes.append(contentsOf: Array("--big--\r\n".utf8))
        return bytes
    }

    /// Resident-set high-water mark in bytes (Linux), nil elsewhere.
    static func peakRSS() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    @Test func fiftyMegabyteAttachmentKeepingData() {
        let bytes = Self.message()
        let before = Self.peakRSS()
        let message = MIMEParser().parse(bytes)
        let expected = (Self.payloadSize / 57) * 57
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.size == expected)
        #expect(message.text == "see attachment")
        if let before, let after = Self.peakRSS() {
            // Growth of the high-water mark during the parse: the decoded copy (¾ of the encoded part) and little
            // else. Other tests may run alongside, so this only guards against whole extra copies.
            #expect(after - before < 2 * bytes.count, "peak grew by \(after - before) for \(bytes.count) bytes")
        }
    }

    @Test func fiftyMegabyteAttachmentCountingOnly() {
        var options = MIMEParser.Options()
        options.keepAttachmentData = false
        let message = MIMEParser(options: options).parse(Self.message())
        #expect(message.attachments.first?.size == (Self.payloadSize / 57) * 57)
        #expect(message.attachments.first?.data.isEmpty == true)
    }
}
