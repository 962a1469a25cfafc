// STUB (owned by the header half of the parser): replace wholesale.

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

enum ContentTypeParser {
    /// nil (and a defect) when the value is unreadable.
    static func parseContentType(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                                 defects: inout [MIMEDefect]) -> ContentType? {
        let s = String(decoding: raw, as: UTF8.self).trimmingCharactersASCIIWhitespace().lowercased()
        let parts = s.split(separator: ";").first.map(String.init) ?? s
        let ts = parts.split(separator: "/")
        guard ts.count == 2 else { return nil }
        return ContentType(type: String(ts[0]), subtype: String(ts[1]), parameters: [:])
    }

    static func parseContentDisposition(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                                        defects: inout [MIMEDefect]) -> ContentDisposition? {
        let s = String(decoding: raw, as: UTF8.self).trimmingCharactersASCIIWhitespace().lowercased()
        return ContentDisposition(kind: s.split(separator: ";").first.map(String.init) ?? s, parameters: [:])
    }
}
