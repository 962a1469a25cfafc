import Dispatch
import Testing
@testable import MailMIME

/// iconv descriptors are reused across decodes and threads (`IconvPool`): each decode starts in the initial state,
/// whatever the decode before it on the same descriptor left behind.
@Suite("Charsets through iconv: reused descriptors")
struct IconvPoolTests {
    static func decode(_ bytes: [UInt8], _ charset: String) -> String {
        var defects: [MIMEDefect] = []
        return CharsetDecoder.decode(bytes[...], charset: charset, options: MIMEParser.Options(), defects: &defects)
    }

    // ESC $ B switches ISO-2022-JP to JIS X 0208; "0!" there is 亜. Without ESC ( B the text ends in that mode.
    static let endsInJIS: [UInt8] = [0x1B, 0x24, 0x42, 0x30, 0x21]
    static let asciiWithEscape: [UInt8] = Array("ab".utf8) + [0x1B, 0x28, 0x42] + Array("cd".utf8)

    @Test("a text cut inside a shifted mode does not shift the next decode on the same descriptor")
    func shiftStateReset() {
        for _ in 0..<8 {
            // Half a JIS character at the end: the decoder stops on it without the final flush.
            #expect(Self.decode(Self.endsInJIS + [0x30], "iso-2022-jp") == "亜\u{FFFD}")
            #expect(Self.decode(Array("0!".utf8) + [0x1B, 0x28, 0x42], "iso-2022-jp") == "0!")
        }
    }

    @Test("decodes on four threads at once give the results of one thread")
    func concurrent() {
        let cases: [([UInt8], String, String)] = [
            (Self.endsInJIS, "iso-2022-jp", "亜"), (Self.asciiWithEscape, "iso-2022-jp", "abcd"),
            ([0x83, 0x6E], "shift_jis", "ハ"), ([0xF0], "koi8-r", "П"), ([0xC7, 0xD1], "ks_c_5601-1987", "한"),
        ]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<500 {
                let (bytes, charset, expected) = cases[(worker + round) % cases.count]
                if Self.decode(bytes, charset) != expected { failures.add() }
            }
        }
        #expect(failures.count == 0)
    }

    final class Failures: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private var value = 0
        var count: Int { lock.wait(); defer { lock.signal() }; return value }
        func add() { lock.wait(); value += 1; lock.signal() }
    }
}
