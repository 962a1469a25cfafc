import Testing
@testable import MailMIME

@Suite("RFC 2045 §5.1 / RFC 2183 / RFC 2231 Content-Type and Content-Disposition")
struct ContentTypeParserTests {
    static func type(_ raw: String) -> (ContentType?, [MIMEDefect]) {
        var defects: [MIMEDefect] = []
        let ct = ContentTypeParser.parseContentType(Array(raw.utf8)[...], options: MIMEParser.Options(), defects: &defects)
        return (ct, defects)
    }

    static func disposition(_ raw: String) -> ContentDisposition? {
        var defects: [MIMEDefect] = []
        return ContentTypeParser.parseContentDisposition(Array(raw.utf8)[...], options: MIMEParser.Options(), defects: &defects)
    }

    @Test("type and subtype lower-cased, parameter names lower-cased, values as written")
    func basics() {
        let (ct, defects) = Self.type("Text/PLAIN; CharSet=\"UTF-8\"; Format=flowed")
        #expect(ct == ContentType(type: "text", subtype: "plain", parameters: ["charset": "UTF-8", "format": "flowed"]))
        #expect(ct?.mimeType == "text/plain")
        #expect(defects.isEmpty)
    }

    @Test("unreadable types are nil with malformedContentType", arguments: ["", "text", "/plain", "text/", ";charset=x", "(only a comment)"])
    func unreadable(raw: String) {
        let (ct, defects) = Self.type(raw)
        #expect(ct == nil)
        #expect(defects == [.malformedContentType])
    }

    @Test("RFC 2231 §3: continuations are joined in number order, whatever order they come in")
    func continuations() {
        let (ct, _) = Self.type("application/x-stuff; title*2=\"third\"; title*0=\"first \"; title*1=\"second \"")
        #expect(ct?.parameters["title"] == "first second third")
    }

    @Test("RFC 2231 §4: charset'language'percent-encoding, also across continuations")
    func extendedValues() {
        #expect(Self.type("text/plain; name*=iso-8859-1''Fr%F6sche.txt").0?.parameters["name"] == "Frösche.txt")
        #expect(Self.type("text/plain; name*=UTF-8'de'%C3%BCber.pdf").0?.parameters["name"] == "über.pdf")
        let (ct, _) = Self.type("application/pdf; name*0*=utf-8''%E2%82%AC%20; name*1=\"report\"; name*2*=.pdf")
        #expect(ct?.parameters["name"] == "€ report.pdf")
    }

    @Test("an RFC 2231 value wins over a plain one of the same name; otherwise the first duplicate wins")
    func precedence() {
        let (ct, _) = Self.type("text/plain; name=\"old.txt\"; name*=utf-8''new.txt; charset=a; charset=b")
        #expect(ct?.parameters["name"] == "new.txt")
        #expect(ct?.parameters["charset"] == "a")
    }

    @Test("RFC 2047 words in parameter values, the common abuse")
    func encodedWordsInValues() {
        #expect(Self.type("image/png; name=\"=?UTF-8?B?w7xiZXIucG5n?=\"").0?.parameters["name"] == "über.png")
        #expect(Self.type("image/png; name==?UTF-8?Q?=C3=BCber?=.png").0?.parameters["name"] == "über.png")
    }

    @Test("lenient values: blanks around '=', missing quotes with blanks, a missing ';', comments, unterminated quotes")
    func lenientValues() {
        #expect(Self.type("text/plain; charset = us-ascii (Plain text)").0?.parameters == ["charset": "us-ascii"])
        #expect(Self.disposition("attachment; filename=My File.pdf")?.parameters == ["filename": "My File.pdf"])
        #expect(Self.type("message/external-body; access-type=mail-server server=\"l@x.org\"").0?.parameters
                == ["access-type": "mail-server", "server": "l@x.org"])
        #expect(Self.type("multipart/mixed; boundary=\"abc").0?.parameters == ["boundary": "abc"])
        #expect(Self.type("multipart/mixed;\r\n boundary=\"foo\r\n bar\"").0?.parameters == ["boundary": "foo bar"])
    }

    @Test("Content-Disposition: kind lower-cased, parameters as for Content-Type")
    func dispositions() {
        #expect(Self.disposition("ATTACHMENT; filename=\"a.pdf\"; size=42")
                == ContentDisposition(kind: "attachment", parameters: ["filename": "a.pdf", "size": "42"]))
        #expect(Self.disposition("inline") == ContentDisposition(kind: "inline", parameters: [:]))
        #expect(Self.disposition("  ") == nil)
    }

    @Test("8-bit parameter values: UTF-8 kept, others read in the fallback charset")
    func eightBitValues() {
        #expect(Self.disposition("attachment; filename=\"Grüße.txt\"")?.parameters["filename"] == "Grüße.txt")
        var defects: [MIMEDefect] = []
        let raw = Array("attachment; filename=\"Gr".utf8) + [0xFC, 0xDF] + Array("e.txt\"".utf8)
        let cd = ContentTypeParser.parseContentDisposition(raw[...], options: MIMEParser.Options(), defects: &defects)
        #expect(cd?.parameters["filename"] == "Grüße.txt")
        #expect(defects == [.nonUTF8Header])
    }
}
