/// RFC 5322 §3.6.4 msg-id lists (`Message-ID`, `In-Reply-To`, `References`), angle brackets removed.
enum MessageIDParser {
    /// The longest id kept; longer ones are cut (a hostile header must not cost memory per reference).
    static let maxIDLength = 998

    /// RFC 5322 §3.6.4:  msg-id = [CFWS] "<" id-left "@" id-right ">" [CFWS]
    ///                   references = "References:" 1*msg-id CRLF
    /// The text between `<` and `>` is kept as written (folds removed), since replies copy it byte for byte.
    /// Repairs (`malformedMessageID`): ids without brackets (one per blank-separated word; beside bracketed ids
    /// only words with `@`), a missing `>`, `<>`.
    /// Ids may be separated by blanks, commas, comments or nothing. Phrases of obsolete `In-Reply-To` (RFC 822
    /// `In-Reply-To: "Joe" <id>`) are quoted strings and are skipped.
    static func parseList(_ raw: ArraySlice<UInt8>, defects: inout [MIMEDefect]) -> [String] {
        var ids: [(id: String, bracketed: Bool)] = []
        var repaired = false
        var i = raw.startIndex
        let end = fieldEnd(raw)
        while i < end {
            let b = raw[i]
            if ASCII.isBlank(b) || b == ASCII.comma || b == ASCII.semicolon {
                i += 1
            } else if b == ASCII.openParen {
                var ignored = false
                i = AddressScanner.comment(raw, from: i, end: end, repaired: &ignored).1
            } else if b == ASCII.quote {
                i += 1
                while i < end, raw[i] != ASCII.quote { i += raw[i] == ASCII.backslash ? 2 : 1 }
                i = min(i + 1, end)
            } else if b == ASCII.lessThan {
                var j = i + 1
                var id: [UInt8] = []
                while j < end, raw[j] != ASCII.greaterThan, raw[j] != ASCII.lessThan {
                    if raw[j] != ASCII.cr && raw[j] != ASCII.lf { id.append(raw[j]) }
                    j += 1
                }
                if j < end, raw[j] == ASCII.greaterThan { j += 1 } else { repaired = true }
                let text = trimmed(id)
                if text.isEmpty { repaired = true } else { ids.append((text, true)) }
                i = j
            } else {
                var j = i
                while j < end, !ASCII.isBlank(raw[j]), raw[j] != ASCII.lessThan, raw[j] != ASCII.comma,
                      raw[j] != ASCII.openParen, raw[j] != ASCII.greaterThan {
                    j += 1
                }
                if j == i { j += 1 } else { ids.append((trimmed(Array(raw[i..<j])), false)) }
                repaired = true
                i = j
            }
        }
        if repaired { defects.append(.malformedMessageID) }
        // Beside bracketed ids, words without `@` are an RFC 822 phrase (`<id> from "Joe" at ...`), not ids.
        guard ids.contains(where: \.bracketed) else { return ids.map(\.id) }
        return ids.compactMap { $0.bracketed || $0.id.utf8.contains(ASCII.at) ? $0.id : nil }
    }

    private static func trimmed(_ bytes: [UInt8]) -> String {
        var s = 0, e = min(bytes.count, maxIDLength)
        while s < e, ASCII.isBlank(bytes[s]) { s += 1 }
        while e > s, ASCII.isBlank(bytes[e - 1]) { e -= 1 }
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    private static func fieldEnd(_ raw: ArraySlice<UInt8>) -> Int {
        var i = raw.startIndex
        while let lf = raw[i...].firstIndex(of: ASCII.lf) {
            guard lf + 1 < raw.endIndex, ASCII.isWSP(raw[lf + 1]) else { return lf }
            i = lf + 1
        }
        return raw.endIndex
    }
}
