/// A parsed `Content-Type` (RFC 2045 §5.1), parameters decoded per RFC 2231 (continuations, charset, language).
struct ContentType: Sendable, Equatable {
    /// Lower-cased, e.g. `text`.
    var type: String
    /// Lower-cased, e.g. `plain`.
    var subtype: String
    /// Parameter names lower-cased; values decoded (RFC 2231, and RFC 2047 as mail clients misuse it).
    var parameters: [String: String]

    var mimeType: String { type + "/" + subtype }
    static let textPlain = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])
}

/// A parsed `Content-Disposition` (RFC 2183).
struct ContentDisposition: Sendable, Equatable {
    /// Lower-cased, e.g. `attachment` or `inline`.
    var kind: String
    var parameters: [String: String]
}

/// Reads `Content-Type` and `Content-Disposition` values.
enum ContentTypeParser {
    /// RFC 2045 §5.1:  content := "Content-Type" ":" type "/" subtype *(";" parameter)
    /// Comments and blanks are allowed around every token (`text (plain) / html`), a subtype may hold `/`.
    /// nil (and `malformedContentType`) when there is no `type/subtype`; the caller then uses text/plain.
    static func parseContentType(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                                 defects: inout [MIMEDefect]) -> ContentType? {
        var i = raw.startIndex
        let end = raw.endIndex
        skipCFWS(raw, &i, end)
        let type = token(raw, &i, end, allowSlash: false)
        skipCFWS(raw, &i, end)
        guard !type.isEmpty, i < end, raw[i] == ASCII.slash else {
            defects.append(.malformedContentType)
            return nil
        }
        i += 1
        skipCFWS(raw, &i, end)
        let subtype = token(raw, &i, end, allowSlash: true)
        guard !subtype.isEmpty else {
            defects.append(.malformedContentType)
            return nil
        }
        let mark = defects.count
        let parameters = ParameterListParser.parse(raw[i...], options: options, defects: &defects)
        DefectList.dedupe(&defects, from: mark)
        return ContentType(type: ASCII.lowercasedString(type), subtype: ASCII.lowercasedString(subtype),
                           parameters: parameters)
    }

    /// RFC 2183 §2:  disposition := "Content-Disposition" ":" disposition-type *(";" disposition-parm)
    /// nil when there is no disposition type at all.
    static func parseContentDisposition(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                                        defects: inout [MIMEDefect]) -> ContentDisposition? {
        var i = raw.startIndex
        let end = raw.endIndex
        skipCFWS(raw, &i, end)
        let kind = token(raw, &i, end, allowSlash: true)
        guard !kind.isEmpty else { return nil }
        let mark = defects.count
        let parameters = ParameterListParser.parse(raw[i...], options: options, defects: &defects)
        DefectList.dedupe(&defects, from: mark)
        return ContentDisposition(kind: ASCII.lowercasedString(kind), parameters: parameters)
    }

    /// RFC 2045 §5.1 token, read leniently: everything up to a blank, `;`, `(`, `"` (and `/` for the type).
    private static func token(_ raw: ArraySlice<UInt8>, _ i: inout Int, _ end: Int, allowSlash: Bool) -> ArraySlice<UInt8> {
        let start = i
        while i < end {
            let b = raw[i]
            if ASCII.isBlank(b) || b == ASCII.semicolon || b == ASCII.openParen || b == ASCII.quote
                || (!allowSlash && b == ASCII.slash) {
                break
            }
            i += 1
        }
        return raw[start..<i]
    }

    /// Skips blanks, folds and comments.
    static func skipCFWS(_ raw: ArraySlice<UInt8>, _ i: inout Int, _ end: Int) {
        while i < end {
            if ASCII.isBlank(raw[i]) {
                i += 1
            } else if raw[i] == ASCII.openParen {
                var ignored = false
                i = AddressScanner.comment(raw, from: i, end: end, repaired: &ignored).1
            } else {
                return
            }
        }
    }
}
