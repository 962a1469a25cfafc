/// Header text to a String: unfolding, RFC 2047 encoded words, raw 8-bit bytes (RFC 6532 UTF-8, else fallback).
///
/// One pass over the raw (still folded) bytes, so that a fold inside an encoded word can be dropped whole, as
/// mail clients do for words split by a line-length-limited encoder.
struct EncodedWordDecoder {
    /// How words next to other text are treated.
    struct Mode {
        /// Insert a space between an encoded word and text glued to it (`[SPAM]=?utf-8?B?..?=`), as mail-parser does.
        var separateGluedWords: Bool
        /// RFC 2047 §6.2: blanks between adjacent encoded words are dropped. Kept inside quoted parameter values,
        /// where naive encoders put one word per blank-separated word.
        var dropBlanksBetweenWords: Bool

        static let text = Mode(separateGluedWords: true, dropBlanksBetweenWords: true)
        static let parameter = Mode(separateGluedWords: false, dropBlanksBetweenWords: true)
        static let quotedParameter = Mode(separateGluedWords: false, dropBlanksBetweenWords: false)
    }

    /// Decodes `raw` up to the end of its field (a line break not followed by a blank), trimmed.
    static func decode(_ raw: ArraySlice<UInt8>, mode: Mode, options: MIMEParser.Options,
                       defects: inout [MIMEDefect]) -> String {
        if isPlainASCII(raw) { return trimmedString(raw) }
        var decoder = EncodedWordDecoder(raw: raw, mode: mode, options: options)
        decoder.run(defects: &defects)
        return trimmedString(decoder.out[...])
    }

    /// Fast path test: 7-bit, one line, and no `=?`.
    private static func isPlainASCII(_ raw: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in raw {
            if b >= 0x80 || b == ASCII.cr || b == ASCII.lf || (b == ASCII.question && previous == ASCII.equals) {
                return false
            }
            previous = b
        }
        return true
    }

    private static func trimmedString(_ bytes: ArraySlice<UInt8>) -> String {
        var s = bytes.startIndex, e = bytes.endIndex
        while s < e, ASCII.isBlank(bytes[s]) { s += 1 }
        while e > s, ASCII.isBlank(bytes[e - 1]) { e -= 1 }
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    // MARK: - state

    private let raw: ArraySlice<UInt8>
    private let mode: Mode
    private let options: MIMEParser.Options
    private let rawIsUTF8: Bool
    /// Decoded UTF-8 so far.
    private(set) var out: [UInt8] = []
    /// Literal bytes not yet moved to `out` (after the pending word, if any).
    private var literal: [UInt8] = []
    private var literalHasText = false
    /// Decoded bytes of the last encoded word(s), kept so that adjacent words of one charset are converted together
    /// (encoders split multi-byte characters across words).
    private var pendingCharset: [UInt8] = []
    private var pendingBytes: [UInt8] = []
    private var hasPending = false
    private var lastOutWasWord = false

    private init(raw: ArraySlice<UInt8>, mode: Mode, options: MIMEParser.Options) {
        self.raw = raw
        self.mode = mode
        self.options = options
        self.rawIsUTF8 = ASCII.isAllASCII(raw) || ASCII.isValidUTF8(raw)
        out.reserveCapacity(raw.count)
    }

    private mutating func run(defects: inout [MIMEDefect]) {
        if !rawIsUTF8 { defects.append(.nonUTF8Header) }
        var i = raw.startIndex
        let end = raw.endIndex
        while i < end {
            var b = raw[i]
            // A bare CR (broken mailers) is a blank, not a line break.
            if b == ASCII.cr, i + 1 == end || raw[i + 1] != ASCII.lf { b = ASCII.space }
            if b == ASCII.cr || b == ASCII.lf {
                var j = i + 1
                if b == ASCII.cr, j < end, raw[j] == ASCII.lf { j += 1 }
                guard j < end, ASCII.isWSP(raw[j]) else { break }  // end of the field
                while j < end, ASCII.isWSP(raw[j]) { j += 1 }
                // Unfolding: the line break and the indentation become one blank, unless one is already there.
                // Where blanks between words are kept, a fold alone between two words still joins them: it is
                // how encoders split a long word.
                let joinsWords = hasPending && literal.isEmpty && !mode.dropBlanksBetweenWords
                let last = literal.last ?? (hasPending ? ASCII.equals : out.last)
                if !joinsWords, let last, !ASCII.isBlank(last) { literal.append(ASCII.space) }
                i = j
                continue
            }
            if b == ASCII.equals, i + 1 < end, raw[i + 1] == ASCII.question,
               let word = EncodedWord.parse(raw, at: i, defects: &defects) {
                take(word, defects: &defects)
                i = word.end
                continue
            }
            if hasPending {
                if ASCII.isBlank(b) {
                    literal.append(b)
                    i += 1
                    continue
                }
                let glued = literal.isEmpty
                flushPending(defects: &defects)
                if glued && mode.separateGluedWords { out.append(ASCII.space) }
            }
            literal.append(b)
            if !ASCII.isBlank(b) { literalHasText = true }
            i += 1
        }
        flushPending(defects: &defects)
        flushLiteral()
    }

    private mutating func take(_ word: EncodedWord, defects: inout [MIMEDefect]) {
        if hasPending && !literalHasText && (mode.dropBlanksBetweenWords || literal.isEmpty) {
            literal.removeAll(keepingCapacity: true)
            if sameCharset(word.charset, pendingCharset) {
                pendingBytes.append(contentsOf: word.bytes)
                return
            }
            flushPending(defects: &defects)
        } else {
            let previous = literal.last ?? (hasPending || lastOutWasWord ? nil : out.last)
            flushPending(defects: &defects)
            flushLiteral()
            if mode.separateGluedWords, let previous, !ASCII.isBlank(previous) { out.append(ASCII.space) }
        }
        pendingCharset = word.charset
        pendingBytes = word.bytes
        hasPending = true
        literalHasText = false
    }

    private mutating func flushPending(defects: inout [MIMEDefect]) {
        guard hasPending else { return }
        hasPending = false
        let charset = String(decoding: pendingCharset, as: UTF8.self)
        let text = CharsetDecoder.decode(pendingBytes[...], charset: charset, options: options, defects: &defects)
        out.append(contentsOf: text.utf8)
        lastOutWasWord = true
        flushLiteral()
    }

    private mutating func flushLiteral() {
        guard !literal.isEmpty else { return }
        if rawIsUTF8 || ASCII.isAllASCII(literal) {
            out.append(contentsOf: literal)
        } else {
            out.append(contentsOf: CharsetDecoder.decodeFallback(literal[...], options: options).utf8)
        }
        literal.removeAll(keepingCapacity: true)
        literalHasText = false
        lastOutWasWord = false
    }

    private func sameCharset(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ASCII.lower($0) == ASCII.lower($1) }
    }
}
