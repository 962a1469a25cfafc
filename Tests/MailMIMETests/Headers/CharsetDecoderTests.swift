import Testing
@testable import MailMIME

@Suite("Charsets through iconv")
struct CharsetDecoderTests {
    static func decode(_ bytes: [UInt8], _ charset: String?) -> (String, [MIMEDefect]) {
        var defects: [MIMEDefect] = []
        let s = CharsetDecoder.decode(bytes[...], charset: charset, options: MIMEParser.Options(), defects: &defects)
        return (s, defects)
    }

    @Test("aliases mail uses resolve to a decoder", arguments: [
        ("utf8", [0xC3, 0xA9], "é"), ("UTF-8", [0xC3, 0xA9], "é"), ("latin1", [0xE9], "é"),
        ("iso-8859-1", [0x93, 0x61, 0x94], "\u{201C}a\u{201D}"), ("cp1252", [0x80], "€"),
        ("\"windows-1252\"", [0x80], "€"), ("windows-1250", [0x8A], "Š"), ("iso-8859-8-i", [0xE0], "א"),
        ("ks_c_5601-1987", [0xC7, 0xD1], "한"), ("gb2312", [0xC4, 0xE3], "你"), ("x-gbk", [0xC4, 0xE3], "你"),
        ("shift_jis", [0x83, 0x6E], "ハ"), ("ISO-8859-15", [0xA4], "€"), ("koi8-r", [0xF0], "П"),
        ("x-unknown", [0x61], "a"), ("utf-8*en", [0x61], "a"),
    ])
    func aliases(charset: String, bytes: [UInt8], expected: String) {
        #expect(Self.decode(bytes, charset) == (expected, []))
    }

    @Test("an unknown charset decodes with the fallback and records unknownCharset")
    func unknown() {
        #expect(Self.decode([0x63, 0x61, 0x66, 0xE9], "x-no-such-charset") == ("café", [.unknownCharset]))
    }

    @Test("invalid bytes become U+FFFD, one byte at a time, and decoding continues (invalidCharsetBytes)")
    func invalidBytes() {
        #expect(Self.decode([0x61, 0xFF, 0x62], "utf-8") == ("a\u{FFFD}b", [.invalidCharsetBytes]))
        // 0x80 0x20 is not valid Shift_JIS (0x80 is unassigned as a lead byte).
        let (s, defects) = Self.decode([0x61, 0x80, 0x62, 0x83, 0x6E], "shift_jis")
        #expect(s == "a\u{FFFD}bハ")
        #expect(defects == [.invalidCharsetBytes])
    }

    @Test("no charset: US-ASCII, 8-bit bytes read as UTF-8, else in the fallback charset")
    func noCharset() {
        #expect(Self.decode([0xC3, 0xA9], nil) == ("é", []))
        #expect(Self.decode([0xE9], nil) == ("é", [.invalidCharsetBytes]))
        #expect(Self.decode([0xE9], "") == ("é", [.invalidCharsetBytes]))
    }

    @Test("a stateful charset (ISO-2022-JP) is flushed at the end")
    func stateful() {
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x25, 0x4F, 0x1B, 0x28, 0x42]
        #expect(Self.decode(bytes, "iso-2022-jp") == ("ハ", []))
    }
}
