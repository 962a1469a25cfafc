import Testing
@testable import MailMIME

@Suite("§4 an HTML body is read as its text")
struct HTMLToTextTests {
    @Test(arguments: [
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("a<br>b<br/>c<BR >d", "a\nb\nc\nd"),
        ("<div>x</div><div>y</div>", "x\ny"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", "1 2\n3"),
        ("<h1>Title</h1>text", "Title\n\ntext"),
        ("a<hr>b", "a\n\nb"),
        ("<blockquote>q</blockquote>after", "q\n\nafter"),
    ])
    func blockElementsBreakLines(html: String, text: String) {
        #expect(HTMLToText.convert(html) == text)
    }

    @Test(arguments: [
        ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"),
        ("&eacute;&Eacute;&uuml;&szlig;&yuml;&copy;", "éÉüßÿ©"),
        ("&euro;&mdash;&hellip;&trade;&alpha;&Omega;&sigmaf;", "€—…™αΩς"),
        ("&#233;&#xE9;&#XE9;&#38;", "ééé&"),
        ("a&nbsp;b&nbsp;&nbsp;c", "a b c"),
        ("AT&T &unknown; &#; &", "AT&T &unknown; &#; &"),
        ("&amp no semicolon", "& no semicolon"),
        ("&notanentity;", "&notanentity;"),
        ("&#0;&#x110000;", "\u{FFFD}\u{FFFD}"),
    ])
    func characterReferencesAreDecoded(html: String, text: String) {
        #expect(HTMLToText.convert(html) == text)
    }

    @Test func everyLatin1NameIsKnown() {
        let names = ["nbsp", "iexcl", "ordf", "frac34", "Agrave", "ETH", "times", "THORN", "szlig", "eth", "divide",
                     "thorn", "yuml"]
        let values: [UInt32] = [0xA0, 0xA1, 0xAA, 0xBE, 0xC0, 0xD0, 0xD7, 0xDE, 0xDF, 0xF0, 0xF7, 0xFE, 0xFF]
        for (name, value) in zip(names, values) { #expect(HTMLEntities.table[name] == value, "\(name)") }
        #expect(HTMLEntities.table.count >= 250)
    }

    @Test(arguments: [
        ("<head><title>T</title><style>p{}</style></head><body>text</body>", "text"),
        ("<script>alert('<p>x</p>')</script>shown", "shown"),
        ("<STYLE type=text/css>.a{color:red}</STYLE>shown", "shown"),
        ("a<!-- hidden <p>comment</p> -->b", "ab"),
        ("<!DOCTYPE html><?xml version=\"1.0\"?>x", "x"),
        ("<head><meta charset=utf-8><body>body without closing head", "body without closing head"),
    ])
    func nonTextContentIsDropped(html: String, text: String) {
        #expect(HTMLToText.convert(html) == text)
    }

    @Test func whitespaceCollapsesOutsidePre() {
        #expect(HTMLToText.convert("  a \r\n\t b  <p>  c  </p>") == "a b\n\nc")
        #expect(HTMLToText.convert("<pre>  x\r\n    y</pre>z") == "x\n    y\n\nz")
    }

    /// Broken markup: a `<` that cannot open a tag stays text, a tag or comment left open at the end is dropped.
    @Test(arguments: [
        ("<", "<"), ("<<<", "<<<"), ("<a href='x", ""), ("<p", ""), ("a < b > c", "a < b > c"), ("<!--", ""),
        ("<script>", ""), ("&#", "&#"), ("&#x", "&#x"), ("</", "</"), ("<>", "<>"), ("<head><head><head>", ""),
        (String(repeating: "<a<a", count: 1000), ""),
    ])
    func brokenMarkupKeepsTextAndDropsOpenTags(html: String, text: String) {
        #expect(HTMLToText.convert(html) == text)
    }

    @Test func literalLessThanKept() {
        #expect(HTMLToText.convert("1 < 2 and 3 <4") == "1 < 2 and 3 <4")
    }

    @Test func orderReferenceSurvivesAsOwnLine() {
        #expect(HTMLToText.convert("<div>Hello</div><div>Order:&nbsp;42</div><p>Bye</p>") == "Hello\nOrder: 42\n\nBye")
    }
}
