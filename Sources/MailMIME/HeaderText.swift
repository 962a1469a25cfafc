// STUB (owned by the header half of the parser): replace wholesale.

/// Unstructured header text (RFC 5322 §3.2.5): unfolded, RFC 2047 words decoded, 8-bit bytes as UTF-8 or fallback.
enum HeaderText {
    static func unstructured(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                             defects: inout [MIMEDefect]) -> String {
        String(decoding: raw, as: UTF8.self).trimmingCharactersASCIIWhitespace()
    }
}

extension String {
    func trimmingCharactersASCIIWhitespace() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return String(s)
    }
}
