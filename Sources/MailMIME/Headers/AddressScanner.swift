/// The state of one pass of `AddressListParser` over a value.
struct AddressScanner {
    struct Word {
        var bytes: [UInt8]
        var quoted: Bool
        /// No blank or comment between this word and the previous one.
        var glued: Bool
    }

    private let raw: ArraySlice<UInt8>
    let options: MIMEParser.Options
    var result: [MailAddress] = []
    var words: [Word] = []
    var comments: [[UInt8]] = []
    var angle: [UInt8]?
    var wordsAfterAngle = false
    var blankBefore = true
    var inGroup = false
    var repaired = false

    init(raw: ArraySlice<UInt8>, options: MIMEParser.Options) {
        self.raw = raw
        self.options = options
    }

    mutating func run(defects: inout [MIMEDefect]) -> [MailAddress] {
        var i = raw.startIndex
        let end = fieldEnd()
        while i < end {
            let b = raw[i]
            switch b {
            case ASCII.space, ASCII.tab, ASCII.cr, ASCII.lf:
                blankBefore = true
                i += 1
            case ASCII.openParen:
                let (content, next) = AddressScanner.comment(raw, from: i, end: end, repaired: &repaired)
                comments.append(content)
                blankBefore = true
                i = next
            case ASCII.quote:
                i = quotedString(from: i, end: end)
            case ASCII.lessThan:
                if angle != nil { finishEntry(defects: &defects); repaired = true }
                i = angleAddress(from: i, end: end)
                blankBefore = true
            case ASCII.greaterThan:
                repaired = true
                i += 1
            case ASCII.comma:
                finishEntry(defects: &defects)
                i += 1
            case ASCII.semicolon:
                if !inGroup && !(words.isEmpty && angle == nil) { repaired = true }
                finishEntry(defects: &defects)
                inGroup = false
                i += 1
            case ASCII.colon where !inGroup && angle == nil:
                // The words so far were a group's display name: members follow, flattened.
                words.removeAll()
                comments.removeAll()
                inGroup = true
                blankBefore = true
                i += 1
            default:
                i = atom(from: i, end: end)
            }
        }
        finishEntry(defects: &defects)
        return result
    }

    /// The field ends at a line break that is not followed by a blank (callers may pass more than one field).
    private func fieldEnd() -> Int {
        var i = raw.startIndex
        while let lf = raw[i...].firstIndex(of: ASCII.lf) {
            guard lf + 1 < raw.endIndex, ASCII.isWSP(raw[lf + 1]) else { return lf }
            i = lf + 1
        }
        return raw.endIndex
    }

    private mutating func addWord(_ bytes: [UInt8], quoted: Bool) {
        words.append(Word(bytes: bytes, quoted: quoted, glued: !blankBefore && !words.isEmpty))
        if angle != nil { wordsAfterAngle = true }
        blankBefore = false
    }

    /// RFC 5322 §3.2.3 atom, plus everything else that is not a delimiter here (dots, `@`, `[`, 8-bit bytes).
    /// An encoded word is taken whole so that a `,` inside a broken Q word does not split the list.
    private mutating func atom(from start: Int, end: Int) -> Int {
        var i = start
        if raw[i] == ASCII.colon { addWord([ASCII.colon], quoted: false); return i + 1 }
        while i < end {
            let b = raw[i]
            if b == ASCII.equals, i + 1 < end, raw[i + 1] == ASCII.question, let close = encodedWordEnd(from: i, end: end) {
                i = close
                continue
            }
            if ASCII.isBlank(b) || b == ASCII.openParen || b == ASCII.quote || b == ASCII.lessThan
                || b == ASCII.greaterThan || b == ASCII.comma || b == ASCII.semicolon || b == ASCII.colon {
                break
            }
            i += 1
        }
        addWord(Array(raw[start..<i]), quoted: false)
        return i
    }

    /// End of an encoded word starting at `start` (`=?cs?X?text?=` without blanks), or nil.
    private func encodedWordEnd(from start: Int, end: Int) -> Int? {
        var questions = 0
        var i = start + 2
        while i < end, !ASCII.isBlank(raw[i]) {
            if raw[i] == ASCII.question {
                questions += 1
                if questions >= 3, i + 1 < end, raw[i + 1] == ASCII.equals { return i + 2 }
            }
            i += 1
        }
        return nil
    }

    /// RFC 5322 §3.2.4 quoted-string; quoted pairs unescaped, folds unfolded. Unterminated: up to a `<` if one
    /// follows (the quote was stray), else to the end.
    private mutating func quotedString(from start: Int, end: Int) -> Int {
        var content: [UInt8] = []
        var i = start + 1
        while i < end {
            let b = raw[i]
            if b == ASCII.quote {
                addWord(content, quoted: true)
                return i + 1
            }
            if b == ASCII.backslash, i + 1 < end {
                i = AddressScanner.quotedPair(raw, at: i, end: end, into: &content)
                continue
            }
            if b != ASCII.cr && b != ASCII.lf { content.append(b) }
            i += 1
        }
        repaired = true
        if let lt = raw[(start + 1)..<end].firstIndex(of: ASCII.lessThan) {
            addWord(Array(raw[(start + 1)..<lt]).filter { $0 != ASCII.cr && $0 != ASCII.lf }, quoted: true)
            return lt
        }
        addWord(content, quoted: true)
        return end
    }

    /// RFC 5322 §3.4 angle-addr = [CFWS] "<" addr-spec ">" [CFWS] / obs-angle-addr; obs-route dropped.
    private mutating func angleAddress(from start: Int, end: Int) -> Int {
        var content: [UInt8] = []
        var i = start + 1
        var closed = false
        while i < end {
            let b = raw[i]
            if b == ASCII.greaterThan { closed = true; i += 1; break }
            if b == ASCII.openParen {
                let (comment, next) = AddressScanner.comment(raw, from: i, end: end, repaired: &repaired)
                comments.append(comment)
                i = next
                continue
            }
            if b == ASCII.quote {
                content.append(b)
                i += 1
                while i < end, raw[i] != ASCII.quote {
                    if raw[i] == ASCII.backslash, i + 1 < end { content.append(raw[i]); i += 1 }
                    if raw[i] != ASCII.cr && raw[i] != ASCII.lf { content.append(raw[i]) }
                    i += 1
                }
                if i < end { content.append(ASCII.quote); i += 1 }
                continue
            }
            // A `,` ends an unclosed bracket, except in an obsolete route list (`<@a,@b:c@d>`).
            if (b == ASCII.comma && content.first != ASCII.at) || b == ASCII.semicolon || b == ASCII.lessThan { break }
            if !ASCII.isBlank(b) { content.append(b) }
            i += 1
        }
        if !closed { repaired = true }
        if content.first == ASCII.at, let colon = content.lastIndex(of: ASCII.colon) {
            content.removeSubrange(0...colon)
        }
        angle = content
        return i
    }

    /// RFC 5322 §3.2.2 comment (nested, quoted pairs); the outer parentheses removed, inner ones kept.
    static func comment(_ raw: ArraySlice<UInt8>, from start: Int, end: Int,
                        repaired: inout Bool) -> ([UInt8], Int) {
        var depth = 0
        var content: [UInt8] = []
        var i = start
        while i < end {
            let b = raw[i]
            if b == ASCII.backslash, i + 1 < end {
                i = quotedPair(raw, at: i, end: end, into: &content)
                continue
            }
            if b == ASCII.openParen {
                depth += 1
                if depth > 1 { content.append(b) }
            } else if b == ASCII.closeParen {
                depth -= 1
                if depth == 0 { return (content, i + 1) }
                content.append(b)
            } else if b != ASCII.cr && b != ASCII.lf {
                content.append(b)
            }
            i += 1
        }
        repaired = true
        return (content, end)
    }

    /// RFC 5322 §3.2.1 quoted-pair at `i` (the backslash); a fold right after the backslash is skipped and the
    /// character after it is the escaped one, as mail-parser reads it. Returns the index after the pair.
    static func quotedPair(_ raw: ArraySlice<UInt8>, at i: Int, end: Int, into content: inout [UInt8]) -> Int {
        var k = i + 1
        if raw[k] == ASCII.cr || raw[k] == ASCII.lf {
            var j = k + 1
            if raw[k] == ASCII.cr, j < end, raw[j] == ASCII.lf { j += 1 }
            while j < end, ASCII.isWSP(raw[j]) { j += 1 }
            guard j < end else { return end }
            k = j
        }
        content.append(raw[k])
        return k + 1
    }
}
