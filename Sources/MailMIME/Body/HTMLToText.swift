/// Turns an HTML body into plain text (§4: "an HTML body is read as its text"), over UTF-8 bytes.
///
/// Not a browser: a single forward pass that never fails on broken markup. Block elements become line breaks,
/// `script`/`style`/`head`/`title` content and comments are dropped, character references are decoded, and runs
/// of whitespace collapse to one space except inside `pre`. Line ends come out as `\n`.
struct HTMLToText {
    private var out: [UInt8] = []
    /// Line breaks owed before the next text: 1 ends the line, 2 leaves a blank line.
    private var pendingBreak = 0
    private var pendingSpace = false
    private var preDepth = 0
    /// Set once a `head` had no end, so hostile `<head><head>…` is not searched again and again.
    private var headUnclosed = false

    /// Elements that end a paragraph (a blank line around them).
    private static let paragraphTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "hr",
    ]
    /// Elements that end a line.
    private static let lineTags: Set<String> = [
        "div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "nav", "address", "center",
        "fieldset", "figure", "figcaption", "main", "aside", "form", "caption", "tbody", "thead", "tfoot",
        "body", "html", "legend", "details", "summary", "option",
    ]
    /// Elements whose content is not text.
    private static let droppedTags: Set<String> = ["script", "style", "title", "noscript", "template", "xml"]

    /// The text of an HTML document given as UTF-8 bytes.
    static func convert(_ html: String) -> String {
        var html = html
        return html.withUTF8 { convert($0) }
    }

    /// The text of an HTML document given as UTF-8 bytes.
    static func convert(_ input: UnsafeBufferPointer<UInt8>) -> String {
        var converter = HTMLToText()
        converter.out.reserveCapacity(input.count / 2)
        converter.run(input)
        return String(decoding: converter.finish(), as: UTF8.self)
    }

    private mutating func run(_ s: UnsafeBufferPointer<UInt8>) {
        let end = s.count
        var i = 0
        while i < end {
            let c = s[i]
            if c == 0x3C { // "<"
                i = tag(s, at: i)
            } else if c == 0x26 { // "&"
                i = reference(s, at: i)
            } else {
                text(c)
                i += 1
            }
        }
    }

    // MARK: text

    private mutating func text(_ c: UInt8) {
        if preDepth > 0 {
            if c == 0x0D { return }
            flushBreak()
            out.append(c)
            return
        }
        switch c {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
            pendingSpace = true
        default:
            if pendingBreak > 0 {
                flushBreak()
            } else if pendingSpace, let last = out.last, last != 0x0A {
                out.append(0x20)
            }
            pendingSpace = false
            out.append(c)
        }
    }

    private mutating func flushBreak() {
        guard pendingBreak > 0 else { return }
        trimTrailingBlanks()
        if !out.isEmpty {
            var have = 0
            var j = out.count - 1
            while j >= 0 && out[j] == 0x0A && have < 2 { have += 1; j -= 1 }
            for _ in have..<max(have, pendingBreak) { out.append(0x0A) }
        }
        pendingBreak = 0
        pendingSpace = false
    }

    private mutating func trimTrailingBlanks() {
        while let last = out.last, last == 0x20 || last == 0x09 { out.removeLast() }
    }

    private mutating func lineBreak(_ level: Int) {
        pendingBreak = max(pendingBreak, level)
    }

    private mutating func scalar(_ value: UInt32) {
        // Non-breaking spaces count as blanks: people type them where they mean spaces.
        if value == 0xA0 { text(0x20); return }
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        for unit in UTF8.encode(scalar)! { text(unit) }
    }

    private func finish() -> [UInt8] {
        var end = out.count
        while end > 0, [0x20, 0x09, 0x0A].contains(out[end - 1]) { end -= 1 }
        var start = 0
        while start < end, [0x20, 0x09, 0x0A].contains(out[start]) { start += 1 }
        return Array(out[start..<end])
    }

    // MARK: markup

    /// Handles the markup starting at `<`; returns the index after it.
    private mutating func tag(_ s: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = s.count
        var i = start + 1
        guard i < end else { text(0x3C); return end }
        let first = s[i]
        if first == 0x21 { // "<!": comment, doctype, CDATA
            if i + 2 < end && s[i + 1] == 0x2D && s[i + 2] == 0x2D {
                return index(of: "-->", in: s, from: i + 3).map { $0 + 3 } ?? end
            }
            return (index(of: ">", in: s, from: i) ?? end - 1) + 1
        }
        if first == 0x3F { // "<?xml ...?>"
            return (index(of: ">", in: s, from: i) ?? end - 1) + 1
        }
        let closing = first == 0x2F
        if closing { i += 1 }
        guard i < end, isLetter(s[i]) else { text(0x3C); return start + 1 }
        var name: [UInt8] = []
        while i < end, isLetter(s[i]) || (s[i] >= 0x30 && s[i] <= 0x39) {
            if name.count < 16 { name.append(s[i] | 0x20) }
            i += 1
        }
        let after = (index(of: ">", in: s, from: i) ?? end - 1) + 1
        let tagName = String(decoding: name, as: UTF8.self)
        if !closing, HTMLToText.droppedTags.contains(tagName) {
            return index(ofCaseInsensitive: Array("</".utf8) + name, in: s, from: after)
                .map { (index(of: ">", in: s, from: $0) ?? end - 1) + 1 } ?? end
        }
        if !closing, tagName == "head", !headUnclosed {
            // A head left open must not swallow the body: stop at </head> or <body, whichever comes.
            let close = index(ofCaseInsensitive: Array("</head".utf8), in: s, from: after)
            let body = index(ofCaseInsensitive: Array("<body".utf8), in: s, from: after)
            guard let stop = [close, body].compactMap({ $0 }).min() else { headUnclosed = true; return after }
            return stop
        }
        element(tagName, closing: closing)
        return after
    }

    private mutating func element(_ name: String, closing: Bool) {
        if name == "br" {
            trimTrailingBlanks()
            out.append(0x0A)
            pendingSpace = false
        } else if name == "pre" {
            lineBreak(2)
            preDepth = closing ? max(0, preDepth - 1) : preDepth + 1
        } else if HTMLToText.paragraphTags.contains(name) {
            lineBreak(2)
        } else if HTMLToText.lineTags.contains(name) {
            lineBreak(1)
        } else if name == "td" || name == "th" {
            if !closing { pendingSpace = true }
        }
    }

    /// Decodes a character reference at `&`; returns the index after it.
    ///
    /// HTML 4 §5.3: `&#D;`, `&#xH;`, `&name;`. The `;` may be missing when the reference ends the word, as
    /// browsers allow; anything unreadable stays as written.
    private mutating func reference(_ s: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = s.count
        var i = start + 1
        if i < end && s[i] == 0x23 { // "#"
            i += 1
            var hex = false
            if i < end && (s[i] | 0x20) == 0x78 { hex = true; i += 1 }
            var value: UInt32 = 0
            var digits = 0
            while i < end, digits < 8 {
                let c = s[i]
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + d
                digits += 1
                i += 1
            }
            guard digits > 0 else { text(0x26); return start + 1 }
            if i < end && s[i] == 0x3B { i += 1 }
            scalar(value == 0 || value > 0x10FFFF ? 0xFFFD : value)
            return i
        }
        var name: [UInt8] = []
        while i < end, name.count <= 32, isLetter(s[i]) || (s[i] >= 0x30 && s[i] <= 0x39) {
            name.append(s[i])
            i += 1
        }
        if !name.isEmpty, let value = HTMLEntities.scalar(named: String(decoding: name, as: UTF8.self)) {
            if i < end && s[i] == 0x3B { i += 1 }
            scalar(value)
            return i
        }
        text(0x26)
        return start + 1
    }

    // MARK: scanning

    private func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private func index(of needle: StaticString, in s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = from
        while i + n <= s.count {
            if s[i] == p[0] {
                var k = 1
                while k < n && s[i + k] == p[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }

    /// `needle` is lower-case ASCII.
    private func index(ofCaseInsensitive needle: [UInt8], in s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = needle.count
        var i = from
        while i + n <= s.count {
            if s[i] == needle[0] {
                var k = 1
                while k < n && (s[i + k] | (isLetter(s[i + k]) ? 0x20 : 0)) == needle[k] { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }
}
