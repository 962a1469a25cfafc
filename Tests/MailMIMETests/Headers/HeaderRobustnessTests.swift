import Testing
@testable import MailMIME

/// Hostile input: every header parser must return (never trap) on arbitrary bytes drawn from the characters that
/// steer them. A deterministic generator keeps failures reproducible.
@Suite("Header parsers on hostile bytes")
struct HeaderRobustnessTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [UInt8] = Array("=?\"\\()<>@,;:.*'% \t\r\n/_-+0123456789aBqQzZ".utf8) + [0x00, 0x80, 0xC3, 0xA9, 0xFF]
    static let fragments: [[UInt8]] = ["=?utf-8?B?", "=?iso-8859-1?Q?", "?=", "\r\n ", "name*0*=", "utf-8''%", "<@a:",
                                       "Jan", "+0100", "From ", ": ", "\r\n\r\n"].map { Array($0.utf8) }

    static func sample(_ rng: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        let length = Int(rng.next() % 80)
        while out.count < length {
            if rng.next() % 4 == 0 {
                out += fragments[Int(rng.next() % UInt64(fragments.count))]
            } else {
                out.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
        }
        return out
    }

    @Test("10,000 random values through every header parser: no trap, output bounded")
    func randomValues() {
        var rng = SplitMix64(state: 0x5EED)
        let options = MIMEParser.Options()
        for _ in 0..<10_000 {
            let bytes = Self.sample(&rng)
            let raw = bytes[...]
            var defects: [MIMEDefect] = []
            let block = HeaderBlockParser.parse(bytes, in: 0..<bytes.count, options: options, defects: &defects)
            #expect(block.bodyStart >= 0 && block.bodyStart <= bytes.count)
            let text = HeaderText.unstructured(raw, options: options, defects: &defects)
            #expect(text.utf8.count <= bytes.count * 3 + 3)
            _ = AddressListParser.parse(raw, options: options, defects: &defects)
            _ = MessageIDParser.parseList(raw, defects: &defects)
            _ = DateParser.parse(raw)
            _ = ContentTypeParser.parseContentType(raw, options: options, defects: &defects)
            _ = ContentTypeParser.parseContentDisposition(raw, options: options, defects: &defects)
            _ = CharsetDecoder.decode(raw, charset: "shift_jis", options: options, defects: &defects)
        }
    }
}
