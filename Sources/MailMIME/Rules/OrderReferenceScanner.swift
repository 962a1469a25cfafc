/// Finds `Order:N` references (INTERFACE.md §4 rule 7) in a subject and a body text. Pure.
///
/// Rule 7: "`Order:N` (the word case-insensitive, optional blanks after the colon, N digits, not glued to a letter
/// or digit before it or after it) links order N when it stands anywhere in the subject, or alone on a line of the
/// body text (blanks around it allowed; lines quoted with `>` do not count; an HTML body is read as its text)."
/// Blanks are space and tab. "Letter or digit" is any Unicode letter or digit, so `éOrder:1` is glued too.
public enum OrderReferenceScanner {
    /// The numbers in order of first appearance (subject first), without repeats; numbers beyond `Int64` are
    /// left out here (see `references`) and reported as `orderNumberOutOfRange`.
    public static func scan(subject: String?, body: String, defects: inout [MIMEDefect]) -> [Int64] {
        references(subject: subject, body: body, defects: &defects).numbers
    }

    /// Every reference, in order of first appearance (subject first), without repeats: `numbers` those that fit in
    /// `Int64`, `large` the digits (leading zeros dropped) of those beyond it, which name no order and so are
    /// unresolved references (§4.7), never dropped; each of those also reports `orderNumberOutOfRange`.
    public static func references(subject: String?, body: String, defects: inout [MIMEDefect])
        -> (numbers: [Int64], large: [String]) {
        var found: [Int64] = []
        var large: [String] = []
        var seen: Set<Int64> = []
        func add(_ token: Token) {
            if let n = token.number {
                if seen.insert(n).inserted { found.append(n) }
            } else if !large.contains(token.digits) {
                large.append(token.digits)
            }
        }
        if let subject {
            for token in tokens(in: Array(subject.utf8)) { add(token) }
        }
        var utf8 = Array(body.utf8)
        utf8.append(0x0A)
        var lineStart = 0
        for i in utf8.indices where utf8[i] == 0x0A {
            if let token = lineReference(utf8[lineStart..<i]) { add(token) }
            lineStart = i + 1
        }
        if !large.isEmpty { defects.append(.orderNumberOutOfRange) }
        return (found, large)
    }

    /// The reference when the line holds a single `Order:N` and blanks; nil for quoted lines and anything else.
    static func lineReference(_ line: ArraySlice<UInt8>) -> Token? {
        var start = line.startIndex
        var end = line.endIndex
        while start < end, isBlank(line[start]) { start += 1 }
        while end > start, isBlank(line[end - 1]) || line[end - 1] == 0x0D { end -= 1 }
        guard start < end, line[start] != 0x3E else { return nil } // ">" quotes
        let trimmed = Array(line[start..<end])
        return tokens(in: trimmed, whole: true).first
    }

    struct Token {
        /// The number, nil when it does not fit in `Int64`.
        var number: Int64?
        /// The digits without leading zeros (`0` for zero).
        var digits: String
        var range: Range<Int>
    }

    /// Every well-formed `Order:N` in `s`. With `whole`, only a token spanning all of `s` counts.
    static func tokens(in s: [UInt8], whole: Bool = false) -> [Token] {
        var result: [Token] = []
        let word: [UInt8] = Array("order".utf8)
        var i = 0
        while i + 6 <= s.count {
            var matches = true
            for k in 0..<5 where s[i + k] | 0x20 != word[k] { matches = false; break }
            guard matches, s[i + 5] == 0x3A else { i += 1; continue }
            if whole && i != 0 { return [] }
            if gluedBefore(s, i) { i += 1; continue }
            var j = i + 6
            while j < s.count, isBlank(s[j]) { j += 1 }
            let digitsStart = j
            while j < s.count, s[j] >= 0x30, s[j] <= 0x39 { j += 1 }
            guard j > digitsStart, !gluedAfter(s, j) else { i += 1; continue }
            if whole && j != s.count { return [] }
            let digits = s[digitsStart..<j].drop { $0 == 0x30 }
            result.append(Token(number: number(s[digitsStart..<j]),
                                digits: digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self), range: i..<j))
            i = j
        }
        return result
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        var n: Int64 = 0
        for d in digits {
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d - 0x30))
            if o1 || o2 { return nil }
            n = a
        }
        return n
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// True when the scalar ending just before `i` is a letter or digit.
    private static func gluedBefore(_ s: [UInt8], _ i: Int) -> Bool {
        guard i > 0 else { return false }
        var start = i - 1
        while start > 0, s[start] & 0xC0 == 0x80, i - start < 4 { start -= 1 }
        return isLetterOrDigit(s[start..<i])
    }

    /// True when the scalar starting at `j` is a letter or digit.
    private static func gluedAfter(_ s: [UInt8], _ j: Int) -> Bool {
        guard j < s.count else { return false }
        var end = j + 1
        while end < s.count, s[end] & 0xC0 == 0x80, end - j < 4 { end += 1 }
        return isLetterOrDigit(s[j..<end])
    }

    private static func isLetterOrDigit(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        if scalar.isASCII {
            let c = UInt8(scalar.value)
            return (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || (c >= 0x30 && c <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
