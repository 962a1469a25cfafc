/// One RFC 2047 encoded word, its text already transfer-decoded (still in its charset).
struct EncodedWord {
    /// The charset label without an RFC 2231 `*language` suffix.
    var charset: [UInt8]
    var bytes: [UInt8]
    /// Index just after the word in the raw bytes.
    var end: Int

    /// The longest charset label accepted; longer is text that merely starts with `=?`.
    static let maxCharsetLength = 64

    /// RFC 2047 §2:  encoded-word = "=?" charset "?" encoding "?" encoded-text "?="
    /// RFC 2231 §5:  charset may carry "*" language.
    ///
    /// Lenient as mail clients are: folds inside the word are dropped whole, Q text may hold blanks, base64 may lack
    /// padding, and a word without blanks whose `?=` never comes runs to the end of the field (`malformedEncodedWord`). A word with
    /// an unknown encoding letter stays as written (`malformedEncodedWord`); text that only starts with `=?` too,
    /// without a defect.
    static func parse(_ raw: ArraySlice<UInt8>, at start: Int, defects: inout [MIMEDefect]) -> EncodedWord? {
        let end = raw.endIndex
        var j = start + 2
        let charsetStart = j
        while j < end, raw[j] != ASCII.question {
            let b = raw[j]
            if ASCII.isBlank(b) || b == ASCII.equals || j - charsetStart > maxCharsetLength { return nil }
            j += 1
        }
        guard j < end, j > charsetStart else { return nil }
        var charsetEnd = j
        if let star = raw[charsetStart..<j].firstIndex(of: ASCII.star) { charsetEnd = star }
        guard charsetEnd > charsetStart else { return nil }
        j += 1
        guard j + 1 < end, raw[j + 1] == ASCII.question else { return nil }
        let isBase64: Bool
        switch raw[j] {
        case 0x42, 0x62: isBase64 = true
        case 0x51, 0x71: isBase64 = false
        default:
            defects.append(.malformedEncodedWord)
            return nil
        }
        j += 2
        var text: [UInt8] = []
        text.reserveCapacity(64)
        var closed = false, sawBlank = false
        while j < end {
            let b = raw[j]
            if b == ASCII.question, j + 1 < end, raw[j + 1] == ASCII.equals {
                closed = true
                j += 2
                break
            }
            if b == ASCII.cr || b == ASCII.lf {
                var k = j + 1
                if b == ASCII.cr, k < end, raw[k] == ASCII.lf { k += 1 }
                guard k < end, ASCII.isWSP(raw[k]) else { break }
                while k < end, ASCII.isWSP(raw[k]) { k += 1 }
                j = k
                continue
            }
            if ASCII.isWSP(b) {
                // Blanks never occur in base64 text: what follows is not part of this word.
                if isBase64 { if text.isEmpty { return nil }; break }
                sawBlank = true
            }
            // A Q word with blanks that runs into the next word never had its `?=`: not a word (kept as written).
            if sawBlank, b == ASCII.equals, j + 1 < end, raw[j + 1] == ASCII.question { return nil }
            text.append(b)
            j += 1
        }
        if !closed {
            // Without `?=`, only a word without blanks is taken (to the end of the field); blanks mean prose.
            if text.isEmpty || sawBlank { return nil }
            defects.append(.malformedEncodedWord)
        }
        let bytes = isBase64 ? Base64Lenient.decode(text) : decodeQ(text)
        return EncodedWord(charset: Array(raw[charsetStart..<charsetEnd]), bytes: bytes, end: j)
    }

    /// RFC 2047 §4.2: "_" is SP, "=XX" a byte; an `=` without two hex digits is kept as written.
    static func decodeQ(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == ASCII.underscore {
                out.append(ASCII.space)
            } else if b == ASCII.equals, i + 2 < text.count, let h = ASCII.hexValue(text[i + 1]),
                      let l = ASCII.hexValue(text[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
