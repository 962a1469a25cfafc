import Testing
@testable import MailMIME

@Suite("RFC 2047 encoded words and unstructured text")
struct EncodedWordTests {
    static func text(_ raw: String) -> (String, [MIMEDefect]) {
        var defects: [MIMEDefect] = []
        let s = HeaderText.unstructured(Array(raw.utf8)[...], options: MIMEParser.Options(), defects: &defects)
        return (s, defects)
    }

    static func text(bytes: [UInt8]) -> (String, [MIMEDefect]) {
        var defects: [MIMEDefect] = []
        let s = HeaderText.unstructured(bytes[...], options: MIMEParser.Options(), defects: &defects)
        return (s, defects)
    }

    @Test("B and Q words in several charsets", arguments: [
        ("=?UTF-8?B?SMOpbGxvIFfDtnJsZA==?=", "Héllo Wörld"),
        ("=?iso-8859-1?q?caf=E9_cr=E8me?=", "café crème"),
        ("=?ISO-8859-2?Q?=A9koda?=", "Škoda"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
        ("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?=", "Привет"),
        ("=?shift_jis?B?g26DjYFb?=", "ハロー"),
        ("=?ISO-2022-JP?B?GyRCJU8lbSE8GyhC?=", "ハロー"),
        ("=?gb2312?B?xOO6ww==?=", "你好"),
        ("=?ks_c_5601-1987?B?vsiz58fPvLy/5A==?=", "안녕하세요"),
    ])
    func charsets(raw: String, expected: String) {
        let (s, defects) = Self.text(raw)
        #expect(s == expected)
        #expect(defects.isEmpty)
    }

    @Test("RFC 2047: adjacent encoded words drop the whitespace between them, folds included")
    func adjacentWordsJoin() {
        #expect(Self.text("=?utf-8?q?a?= =?utf-8?q?b?=\r\n =?utf-8?q?c?=").0 == "abc")
        #expect(Self.text("=?utf-8?q?a?= plain =?utf-8?q?b?=").0 == "a plain b")
    }

    @Test("a UTF-8 character split across two words is reassembled")
    func splitMultibyte() {
        // "é" is C3 A9: the first word ends after C3.
        #expect(Self.text("=?UTF-8?B?Y2Fmww==?= =?UTF-8?B?qQ==?=").0 == "café")
        #expect(Self.text("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=").0 == "café")
    }

    @Test("RFC 2231 §5 language suffix in the charset is ignored")
    func languageSuffix() {
        #expect(Self.text("=?utf-8*en?Q?Keith_Moore?=") == ("Keith Moore", []))
        #expect(Self.text("=?US-ASCII*EN?Q?Doe?=").0 == "Doe")
    }

    @Test("broken forms mail clients accept: glued words, blanks in Q, unpadded base64, folded words")
    func brokenForms() {
        #expect(Self.text("Re:=?utf-8?q?Hallo?=").0 == "Re: Hallo")
        #expect(Self.text("=?utf-8?q?Hello World?=").0 == "Hello World")
        #expect(Self.text("=?utf-8?B?SMOpbGxv?=").0 == "Héllo")
        #expect(Self.text("=?utf-8?B?SMOpbGx?=").0 == "Héll")
        #expect(Self.text("=?utf-8?Q?Long_wor\r\n d?=").0 == "Long word")
    }

    @Test("a word missing its closing ?= runs to the end of the field and is reported")
    func missingTerminator() {
        let (s, defects) = Self.text("=?utf-8?q?Caf=C3=A9")
        #expect(s == "Café")
        #expect(defects == [.malformedEncodedWord])
    }

    @Test("a Q word with blanks that never closes is prose, not a word, and does not swallow the next word")
    func unclosedWordWithBlanks() {
        #expect(Self.text("=?utf-8?q?no end here =?utf-8?q?ok?=") == ("=?utf-8?q?no end here ok", []))
        #expect(Self.text("=?utf-8?q?no end here").0 == "=?utf-8?q?no end here")
    }

    @Test("a word with an unknown encoding stays as written and is reported")
    func unknownEncoding() {
        let (s, defects) = Self.text("=?utf-8?X?abc?= rest")
        #expect(s == "=?utf-8?X?abc?= rest")
        #expect(defects == [.malformedEncodedWord])
    }

    @Test("text that merely looks like a word start is kept, without defect", arguments: ["=?", "a =? b", "=?utf-8?", "1+1=?"])
    func notAWord(raw: String) {
        #expect(Self.text(raw) == (raw, []))
    }

    @Test("an unknown charset falls back to windows-1252 and is reported")
    func unknownCharset() {
        let (s, defects) = Self.text("=?x-klingon?Q?caf=E9?=")
        #expect(s == "café")
        #expect(defects == [.unknownCharset])
    }

    @Test("RFC 6532: raw UTF-8 in a header is taken as is")
    func rawUTF8() {
        #expect(Self.text("Grüße aus Köln") == ("Grüße aus Köln", []))
    }

    @Test("raw 8-bit bytes that are not UTF-8 are read in the fallback charset (nonUTF8Header)")
    func rawLatin1() {
        let (s, defects) = Self.text(bytes: Array("Gr".utf8) + [0xFC, 0xDF, 0x65] + Array(" =?utf-8?q?=E2=82=AC?=".utf8))
        #expect(s == "Grüße €")
        #expect(defects == [.nonUTF8Header])
    }

    @Test("unfolding: a fold is one blank; blanks inside a line are kept; the field ends at an unfolded line break")
    func unfolding() {
        #expect(Self.text(" Fwd: \r\n\tSaying \r\n Hello").0 == "Fwd: Saying Hello")
        #expect(Self.text("a  b").0 == "a  b")
        #expect(Self.text("first\r\nX-Next: no").0 == "first")
        #expect(Self.text("bare\rCR kept").0 == "bare CR kept")
    }
}
