/// Unstructured header text (RFC 5322 §3.2.5): unfolded, RFC 2047 words decoded, 8-bit bytes as UTF-8 or fallback.
enum HeaderText {
    /// RFC 5322 §3.2.5:  unstructured = (*([FWS] VCHAR) *WSP) / obs-unstruct
    /// RFC 2047 §5(1): encoded words may replace text in unstructured fields.
    ///
    /// A fold becomes one blank (none when a blank precedes it); blanks inside the line are kept as written.
    /// The value ends at a line break that is not followed by a blank.
    static func unstructured(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                             defects: inout [MIMEDefect]) -> String {
        let mark = defects.count
        defer { DefectList.dedupe(&defects, from: mark) }
        return EncodedWordDecoder.decode(raw, mode: .text, options: options, defects: &defects)
    }

    /// A display name or comment text: decoded like unstructured text, runs of blanks collapsed to one space.
    static func phrase(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options, defects: inout [MIMEDefect]) -> String {
        collapsingBlanks(EncodedWordDecoder.decode(raw, mode: .text, options: options, defects: &defects))
    }

    /// The string with runs of SP/HTAB/CR/LF replaced by one space (it is already trimmed by the decoder).
    static func collapsingBlanks(_ s: String) -> String {
        var sawRun = false, previousBlank = false
        for b in s.utf8 {
            let blank = ASCII.isBlank(b)
            if blank && (previousBlank || b != ASCII.space) { sawRun = true; break }
            previousBlank = blank
        }
        guard sawRun else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        previousBlank = false
        for b in s.utf8 {
            if ASCII.isBlank(b) {
                if !previousBlank { out.append(ASCII.space) }
                previousBlank = true
            } else {
                out.append(b)
                previousBlank = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
