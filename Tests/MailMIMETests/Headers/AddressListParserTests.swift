import Testing
@testable import MailMIME

@Suite("RFC 5322 §3.4 address lists")
struct AddressListParserTests {
    static func parse(_ raw: String) -> ([String], [MIMEDefect]) {
        parse(bytes: Array(raw.utf8))
    }

    static func parse(bytes: [UInt8]) -> ([String], [MIMEDefect]) {
        var defects: [MIMEDefect] = []
        let list = AddressListParser.parse(bytes[...], options: MIMEParser.Options(), defects: &defects)
        return (list.map { "\($0.name ?? "nil")|\($0.address)" }, defects)
    }

    @Test("well-formed mailboxes parse without defects", arguments: [
        ("John Doe <jdoe@example.com>", ["John Doe|jdoe@example.com"]),
        ("jdoe@example.com", ["nil|jdoe@example.com"]),
        ("<jdoe@example.com>", ["nil|jdoe@example.com"]),
        ("\"Doe, John\" <jdoe@example.com>, b@x.org", ["Doe, John|jdoe@example.com", "nil|b@x.org"]),
        ("\"Giant; \\\"Big\\\" Box\" <s@example.net>", ["Giant; \"Big\" Box|s@example.net"]),
        ("\"john doe\"@example.com", ["nil|\"john doe\"@example.com"]),
        ("a@b.c (John Doe)", ["John Doe|a@b.c"]),
        ("John <a@b.c> (work (main))", ["John (work (main))|a@b.c"]),
        ("  Mary\r\n   Smith  \r\n <mary@x.test>", ["Mary Smith|mary@x.test"]),
        ("=?utf-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.de>", ["Jürgen Müller|jm@example.de"]),
        ("\"=?utf-8?B?SsO8cmdlbg==?=\" <jm@example.de>", ["Jürgen|jm@example.de"]),
        ("Jürgen Müller <jm@exämple.de>", ["Jürgen Müller|jm@exämple.de"]),
    ])
    func wellFormed(raw: String, expected: [String]) {
        let (list, defects) = Self.parse(raw)
        #expect(list == expected)
        #expect(defects.isEmpty)
    }

    @Test("groups: members are flattened, empty groups yield nothing", arguments: [
        ("undisclosed-recipients:;", [String]()),
        ("Team: a@x.org, Bob <b@y.org>;", ["nil|a@x.org", "Bob|b@y.org"]),
        ("Team: a@x.org; c@z.org, Other:;", ["nil|a@x.org", "nil|c@z.org"]),
        ("(comment) Hidden recipients : (nobody) ;", [String]()),
    ])
    func groups(raw: String, expected: [String]) {
        let (list, defects) = Self.parse(raw)
        #expect(list == expected)
        #expect(defects.isEmpty)
    }

    @Test("obsolete forms: empty list elements, route addresses, blanks around dots")
    func obsoleteForms() {
        #expect(Self.parse("a@b.c, , ,d@e.f") == (["nil|a@b.c", "nil|d@e.f"], []))
        #expect(Self.parse("Mary <@node.test,@relay.test:mary@example.net>") == (["Mary|mary@example.net"], []))
        #expect(Self.parse("jdoe @ example . org").0 == ["nil|jdoe@example.org"])
        #expect(Self.parse("<>") == ([], []))
    }

    @Test("repairs record malformedAddress", arguments: [
        ("John Doe <jdoe@example.com", ["John Doe|jdoe@example.com"]),
        ("John Doe jdoe@example.com", ["John Doe|jdoe@example.com"]),
        ("<a@b.c> trailing garbage", ["trailing garbage|a@b.c"]),
        ("a@b.c; d@e.f", ["nil|a@b.c", "nil|d@e.f"]),
        ("\"Unclosed <u@x.org>", ["Unclosed|u@x.org"]),
        ("Just A Name", ["Just A Name|"]),
        ("Whomever", ["nil|Whomever"]),
        ("nsb (Nathaniel Borenstein)", ["Nathaniel Borenstein|nsb"]),
        ("A <a@x.org> <b@y.org>", ["A|a@x.org", "nil|b@y.org"]),
        ("A <a@x.org, B <b@y.org>", ["A|a@x.org", "B|b@y.org"]),
    ])
    func repairs(raw: String, expected: [String]) {
        let (list, defects) = Self.parse(raw)
        #expect(list == expected)
        #expect(defects.contains(.malformedAddress))
    }

    @Test("a value records each kind of repair once")
    func defectsOnce() {
        let (list, defects) = Self.parse("abel, bianchi, braun, stornett@flash")
        #expect(list == ["nil|abel", "nil|bianchi", "nil|braun", "nil|stornett@flash"])
        #expect(defects == [.malformedAddress])
    }

    @Test("a comma inside a broken Q word does not split the list")
    func commaInsideEncodedWord() {
        #expect(Self.parse("=?utf-8?Q?Doe,_John?= <jd@x.org>").0 == ["Doe, John|jd@x.org"])
    }

    @Test("a non-UTF-8 display name is read in the fallback charset")
    func latin1Name() {
        let (list, _) = Self.parse(bytes: Array("Andr".utf8) + [0xE9] + Array(" <a@b.c>".utf8))
        #expect(list == ["André|a@b.c"])
    }

    @Test("the list ends with its field: a following unfolded line is not read")
    func stopsAtFieldEnd() {
        #expect(Self.parse("a@b.c\nd@e.f").0 == ["nil|a@b.c"])
    }
}

@Suite("RFC 5322 §3.6.4 message identifiers")
struct MessageIDParserTests {
    static func parse(_ raw: String) -> ([String], [MIMEDefect]) {
        var defects: [MIMEDefect] = []
        let ids = MessageIDParser.parseList(Array(raw.utf8)[...], defects: &defects)
        return (ids, defects)
    }

    @Test("ids in brackets, separated by blanks, folds, commas, comments or nothing", arguments: [
        ("<a@x>", ["a@x"]),
        ("<a@x> <b@y>\r\n\t<c@z>", ["a@x", "b@y", "c@z"]),
        ("<a@x>,<b@y>", ["a@x", "b@y"]),
        ("<a@x><b@y>", ["a@x", "b@y"]),
        ("(old) <a@x> (new) <b@y>", ["a@x", "b@y"]),
        ("\"Joe\" <a@x>", ["a@x"]),
    ])
    func wellFormed(raw: String, expected: [String]) {
        #expect(Self.parse(raw) == (expected, []))
    }

    @Test("repairs record malformedMessageID", arguments: [
        ("a@x", ["a@x"]),
        ("a@x b@y", ["a@x", "b@y"]),
        ("<a@x", ["a@x"]),
        ("<>", []),
        ("<a@x> stray", ["a@x"]),
        ("<a@x> from \"Joe\" at Jan 1, 2000", ["a@x"]),
    ])
    func repairs(raw: String, expected: [String]) {
        let (ids, defects) = Self.parse(raw)
        #expect(ids == expected)
        #expect(defects == [.malformedMessageID])
    }
}
