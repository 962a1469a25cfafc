import Testing
@testable import MailMIME

@Suite("RFC 5322 §2.2 header block")
struct HeaderBlockParserTests {
    static func parse(_ text: String, options: MIMEParser.Options = MIMEParser.Options())
        -> (block: HeaderBlock, bytes: [UInt8], defects: [MIMEDefect]) {
        let bytes = Array(text.utf8)
        var defects: [MIMEDefect] = []
        let block = HeaderBlockParser.parse(bytes, in: 0..<bytes.count, options: options, defects: &defects)
        return (block, bytes, defects)
    }

    static func value(_ field: HeaderField?) -> String {
        field.map { String(decoding: $0.rawValue, as: UTF8.self) } ?? "<none>"
    }

    @Test("fields end at the first empty line, with CRLF or bare LF", arguments: ["\r\n", "\n"])
    func emptyLineEndsBlock(eol: String) {
        let text = "From: a@b.c\(eol)Subject: hi\(eol)\(eol)Body: not a header\(eol)"
        let (block, bytes, defects) = Self.parse(text)
        #expect(block.fields.map(\.name) == ["From", "Subject"])
        #expect(String(decoding: bytes[block.bodyStart...], as: UTF8.self) == "Body: not a header\(eol)")
        #expect(defects.isEmpty)
    }

    @Test("a raw value keeps its folds but not the line end that closes the field")
    func rawValueKeepsFolds() {
        let (block, _, _) = Self.parse("Subject: one\r\n two\r\n\tthree\r\nTo: x@y\r\n\r\n")
        #expect(Self.value(block.first("subject")) == " one\r\n two\r\n\tthree")
        #expect(Self.value(block.first("TO")) == " x@y")
    }

    @Test("obsolete syntax: blanks between the field name and the colon (RFC 5322 §4.5)")
    func blankBeforeColon() {
        let (block, _, defects) = Self.parse("Subject : x\nFrom\t: a@b\n\n")
        #expect(block.fields.map(\.name) == ["Subject", "From"])
        #expect(Self.value(block.first("Subject")) == " x")
        #expect(defects.isEmpty)
    }

    @Test("a leading mbox \"From \" line is skipped")
    func mboxFromLine() {
        let (block, _, defects) = Self.parse("From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@b.c\n\nbody")
        #expect(block.fields.map(\.name) == ["From"])
        #expect(defects.isEmpty)
    }

    @Test("bytes that do not start with a field: noHeaderBlock, no fields, body from the start",
          arguments: ["Hello there, this is just text\n\nmore", "", "  indented: value\n\n", "%PDF-1.4\n",
                     "From someone Mon Jan  1 00:00:00 2024\nHello\n"])
    func noHeaderBlock(text: String) {
        let (block, _, defects) = Self.parse(text)
        #expect(block.fields.isEmpty)
        #expect(block.bodyStart == 0)
        #expect(defects == [.noHeaderBlock])
    }

    @Test("an entity starting with its empty line has no fields and no defect (a MIME part with default headers)")
    func emptyHeaderBlock() {
        let (block, _, defects) = Self.parse("\r\nbody")
        #expect(block.fields.isEmpty)
        #expect(block.bodyStart == 2)
        #expect(defects.isEmpty)
    }

    @Test("a stray line without colon between fields is skipped (malformedHeaderLine)")
    func strayLineSkipped() {
        let (block, _, defects) = Self.parse("Subject: x\nthis line is broken\nFrom: a@b.c\n\nbody")
        #expect(block.fields.map(\.name) == ["Subject", "From"])
        #expect(defects == [.malformedHeaderLine])
    }

    @Test("a line without colon followed by no field ends the block: the body starts there (missing blank line)")
    func missingSeparator() {
        let (block, bytes, defects) = Self.parse("Subject: x\nHello John,\nthanks for the call.\n")
        #expect(block.fields.map(\.name) == ["Subject"])
        #expect(String(decoding: bytes[block.bodyStart...], as: UTF8.self) == "Hello John,\nthanks for the call.\n")
        #expect(defects == [.malformedHeaderLine])
    }

    @Test("maxHeaderBytes: the block is cut before the field that crosses the limit (headerBlockTooLarge)")
    func headerBytesLimit() {
        var options = MIMEParser.Options()
        options.maxHeaderBytes = 30
        let (block, bytes, defects) = Self.parse("Subject: short\nX-Long: 0123456789012345\n\nbody", options: options)
        #expect(block.fields.map(\.name) == ["Subject"])
        #expect(String(decoding: bytes[block.bodyStart...], as: UTF8.self).hasPrefix("X-Long:"))
        #expect(defects == [.headerBlockTooLarge])
    }

    @Test("maxHeaderCount: extra fields are dropped once (tooManyHeaderFields), the body is still found")
    func headerCountLimit() {
        var options = MIMEParser.Options()
        options.maxHeaderCount = 2
        let (block, bytes, defects) = Self.parse("A: 1\nB: 2\nC: 3\nD: 4\n\nbody", options: options)
        #expect(block.fields.map(\.name) == ["A", "B"])
        #expect(String(decoding: bytes[block.bodyStart...], as: UTF8.self) == "body")
        #expect(defects == [.tooManyHeaderFields])
    }

    @Test("a block without empty line runs to the end of the range; the range is honoured")
    func rangeHonoured() {
        let bytes = Array("junk|Subject: x\nTo: y|junk".utf8)
        var defects: [MIMEDefect] = []
        let block = HeaderBlockParser.parse(bytes, in: 5..<21, options: MIMEParser.Options(), defects: &defects)
        #expect(block.fields.map(\.name) == ["Subject", "To"])
        #expect(Self.value(block.fields.last) == " y")
        #expect(block.bodyStart == 21)
    }

    @Test("first/all compare names ignoring ASCII case and keep message order")
    func lookup() {
        let (block, _, _) = Self.parse("Received: a\nreceived: b\nRECEIVED: c\n\n")
        #expect(block.all("Received").map { Self.value($0) } == [" a", " b", " c"])
        #expect(Self.value(block.first("rEcEiVeD")) == " a")
        #expect(block.first("Receive") == nil)
    }
}
