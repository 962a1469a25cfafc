/// `; name=value` parameters of `Content-Type` / `Content-Disposition`, with RFC 2231 and the common abuses.
enum ParameterListParser {
    /// The most parameters read from one header; the rest are ignored.
    static let maxParameters = 64
    /// The most RFC 2231 sections assembled for one parameter, and the highest section number accepted.
    static let maxSections = 64
    static let maxSectionIndex = 9_999

    private struct Section {
        var index: Int
        var extended: Bool
        var value: [UInt8]
    }

    /// RFC 2045 §5.1:  parameter := attribute "=" value ; value := token / quoted-string
    /// RFC 2231 §3-4:  attribute*N[*]=value (continuations, any order), attribute*=charset'lang'%XX
    ///
    /// Lenient: blanks around `=`, a missing `;` between parameters, unquoted values with blanks
    /// (`name=My File.pdf`), unterminated quotes (to the end), RFC 2047 words in values (`name="=?UTF-8?B?..?="`).
    /// Duplicates: the first wins; an RFC 2231 value wins over a plain one of the same name. Names lower-cased.
    static func parse(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                      defects: inout [MIMEDefect]) -> [String: String] {
        var plain: [String: String] = [:]
        var sections: [String: [Section]] = [:]
        var count = 0
        var i = raw.startIndex
        let end = raw.endIndex
        while i < end && count < maxParameters {
            while i < end, ASCII.isBlank(raw[i]) || raw[i] == ASCII.semicolon { i += 1 }
            ContentTypeParser.skipCFWS(raw, &i, end)
            guard i < end else { break }
            let nameStart = i
            while i < end, !isNameDelimiter(raw[i]) { i += 1 }
            let nameBytes = raw[nameStart..<i]
            ContentTypeParser.skipCFWS(raw, &i, end)
            guard i < end, raw[i] == ASCII.equals else {
                if i == nameStart { i += 1 }  // a stray delimiter such as `"` or `/`
                continue
            }
            i += 1
            ContentTypeParser.skipCFWS(raw, &i, end)
            let (value, quoted) = readValue(raw, &i, end)
            guard !nameBytes.isEmpty, quoted || !value.isEmpty else { continue }
            count += 1

            guard let star = nameBytes.firstIndex(of: ASCII.star) else {
                let name = ASCII.lowercasedString(nameBytes)
                if plain[name] == nil { plain[name] = plainText(value, quoted: quoted, options: options, defects: &defects) }
                continue
            }
            guard star > nameBytes.startIndex, let section = sectionOf(nameBytes[(star + 1)...]) else { continue }
            let name = ASCII.lowercasedString(nameBytes[..<star])
            var list = sections[name, default: []]
            if list.count < maxSections, !list.contains(where: { $0.index == section.index }) {
                list.append(Section(index: section.index, extended: section.extended, value: value))
                sections[name] = list
            }
        }
        for (name, list) in sections {
            plain[name] = assemble(list, options: options, defects: &defects)
        }
        return plain
    }

    private static func isNameDelimiter(_ b: UInt8) -> Bool {
        ASCII.isBlank(b) || b == ASCII.equals || b == ASCII.semicolon || b == ASCII.openParen || b == ASCII.quote
    }

    /// `*` → (0, extended); `*N` → (N, plain); `*N*` → (N, extended); anything else is not RFC 2231.
    private static func sectionOf(_ suffix: ArraySlice<UInt8>) -> (index: Int, extended: Bool)? {
        if suffix.isEmpty { return (0, true) }
        var index = 0, k = suffix.startIndex
        while k < suffix.endIndex, ASCII.isDigit(suffix[k]) {
            index = index * 10 + Int(suffix[k] - 0x30)
            guard index <= maxSectionIndex else { return nil }
            k += 1
        }
        guard k > suffix.startIndex else { return nil }
        if k == suffix.endIndex { return (index, false) }
        if k + 1 == suffix.endIndex, suffix[k] == ASCII.star { return (index, true) }
        return nil
    }

    /// A quoted string (quoted pairs unescaped, folds unfolded, unterminated to the end) or an unquoted value:
    /// up to `;`, or up to blanks followed by `(`, the end, or a `name=` (a parameter whose `;` is missing).
    private static func readValue(_ raw: ArraySlice<UInt8>, _ i: inout Int, _ end: Int) -> ([UInt8], Bool) {
        var value: [UInt8] = []
        if i < end, raw[i] == ASCII.quote {
            i += 1
            while i < end {
                let b = raw[i]
                if b == ASCII.quote { i += 1; return (value, true) }
                if b == ASCII.backslash, i + 1 < end {
                    i = AddressScanner.quotedPair(raw, at: i, end: end, into: &value)
                    continue
                }
                value.append(b)  // folds are kept for the word decoder; `withoutLineBreaks` drops them
                i += 1
            }
            return (value, true)
        }
        let start = i
        while i < end {
            let b = raw[i]
            if b == ASCII.semicolon { break }
            if ASCII.isBlank(b) {
                var k = i
                while k < end, ASCII.isBlank(raw[k]) { k += 1 }
                if k >= end || raw[k] == ASCII.semicolon || raw[k] == ASCII.openParen { break }
                var t = k
                while t < end, isTokenByte(raw[t]) { t += 1 }
                var e = t
                while e < end, ASCII.isBlank(raw[e]) { e += 1 }
                if t > k, e < end, raw[e] == ASCII.equals { break }
                i = k
                continue
            }
            i += 1
        }
        for b in raw[start..<i] where b != ASCII.cr && b != ASCII.lf { value.append(b) }
        while let last = value.last, ASCII.isBlank(last) { value.removeLast() }
        return (value, false)
    }

    /// RFC 2045 §5.1 token characters (the `*` of RFC 2231 names included).
    private static func isTokenByte(_ b: UInt8) -> Bool {
        guard b > ASCII.space, b < 0x7F else { return false }
        switch b {
        case 0x28, 0x29, 0x3C, 0x3E, 0x40, 0x2C, 0x3B, 0x3A, 0x5C, 0x22, 0x2F, 0x5B, 0x5D, 0x3F, 0x3D: return false
        default: return true
        }
    }

    /// A plain value as text: RFC 2047 words decoded (a common abuse), 8-bit bytes as UTF-8 or the fallback.
    /// Values without words are kept exactly, blanks included (file names may start with one).
    private static func plainText(_ value: [UInt8], quoted: Bool, options: MIMEParser.Options,
                                  defects: inout [MIMEDefect]) -> String {
        if containsEncodedWordStart(value) {
            return EncodedWordDecoder.decode(value[...], mode: quoted ? .quotedParameter : .parameter,
                                             options: options, defects: &defects)
        }
        let value = withoutLineBreaks(value)
        if ASCII.isAllASCII(value) || ASCII.isValidUTF8(value[...]) { return String(decoding: value, as: UTF8.self) }
        defects.append(.nonUTF8Header)
        return CharsetDecoder.decodeFallback(value[...], options: options)
    }

    /// Unfolding inside a quoted value (RFC 5322 §2.2.3): the line breaks go, the blanks stay.
    private static func withoutLineBreaks(_ value: [UInt8]) -> [UInt8] {
        guard value.contains(where: { $0 == ASCII.cr || $0 == ASCII.lf }) else { return value }
        return value.filter { $0 != ASCII.cr && $0 != ASCII.lf }
    }

    private static func containsEncodedWordStart(_ value: [UInt8]) -> Bool {
        guard value.count >= 2 else { return false }
        for k in 0..<(value.count - 1) where value[k] == ASCII.equals && value[k + 1] == ASCII.question {
            return true
        }
        return false
    }

    /// RFC 2231 §4.1: sections in number order; extended ones percent-decoded, the first giving charset'lang'.
    private static func assemble(_ list: [Section], options: MIMEParser.Options, defects: inout [MIMEDefect]) -> String {
        var bytes: [UInt8] = []
        var charset: ArraySlice<UInt8>?
        var anyExtended = false
        for (n, section) in list.sorted(by: { $0.index < $1.index }).enumerated() {
            var value = withoutLineBreaks(section.value)[...]
            guard section.extended else { bytes.append(contentsOf: value); continue }
            anyExtended = true
            if n == 0 {
                if let q1 = value.firstIndex(of: ASCII.apostrophe),
                   let q2 = value[(q1 + 1)...].firstIndex(of: ASCII.apostrophe) {
                    charset = value[..<q1]
                    value = value[(q2 + 1)...]
                }
            } else if let cs = charset, !cs.isEmpty, value.starts(with: cs),
                      value.dropFirst(cs.count).first == ASCII.apostrophe {
                // Broken encoders repeat `charset'` on every section.
                value = value.dropFirst(cs.count + 1)
            }
            percentDecode(value, into: &bytes)
        }
        let label = charset.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        if !anyExtended && containsEncodedWordStart(bytes) {
            return EncodedWordDecoder.decode(bytes[...], mode: .parameter, options: options, defects: &defects)
        }
        return CharsetDecoder.decode(bytes[...], charset: label, options: options, defects: &defects)
    }

    private static func percentDecode(_ value: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var k = value.startIndex
        while k < value.endIndex {
            if value[k] == ASCII.percent, k + 2 < value.endIndex, let h = ASCII.hexValue(value[k + 1]),
               let l = ASCII.hexValue(value[k + 2]) {
                out.append(h << 4 | l)
                k += 3
            } else {
                out.append(value[k])
                k += 1
            }
        }
    }
}
