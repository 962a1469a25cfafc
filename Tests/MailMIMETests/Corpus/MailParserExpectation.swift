import Foundation

/// What stalwart's mail-parser (0.11.6) saw in one message: read from the `N.json` beside `N.eml`.
///
/// The JSON lists `parts` (headers with decoded values, a body that is `Text`, `Html`, `Binary`, `InlineBinary`,
/// `Message` or `Multipart`) and indices into them: `text_body`, `html_body`, `attachments`.
struct MailParserExpectation {
    var subject: String?
    var from: [String]
    var to: [String]
    /// File names of the attachments (nil when unnamed), in order.
    var attachmentNames: [String?]
    /// The first text body part when it is plain text (`Text`); nil when it is HTML or absent.
    var plainText: String?
    /// True when mail-parser's first text body came from an HTML part.
    var textFromHTML: Bool
    /// That HTML with its tags, head and comments cut out (a crude reading, enough to compare words).
    var htmlWords: String?

    init?(json url: URL) {
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let parts = root["parts"] as? [[String: Any]], let top = parts.first
        else { return nil }
        let headers = top["headers"] as? [[String: Any]] ?? []
        func header(_ name: String) -> Any? { headers.first { ($0["name"] as? String) == name }?["value"] }
        subject = (header("subject") as? [String: Any])?["Text"] as? String
        from = Self.addresses(header("from"))
        to = Self.addresses(header("to"))
        let attachments = root["attachments"] as? [Int] ?? []
        attachmentNames = attachments.map { index in
            guard index < parts.count else { return nil }
            return Self.filename(parts[index]) ?? Self.embeddedSubject(parts[index]).map { $0 + ".eml" }
        }
        let textBody = root["text_body"] as? [Int] ?? []
        plainText = nil
        textFromHTML = false
        htmlWords = nil
        if let first = textBody.first, first < parts.count, let body = parts[first]["body"] as? [String: Any] {
            if let text = body["Text"] as? String { plainText = text }
            if let html = body["Html"] as? String {
                textFromHTML = true
                htmlWords = html
                    .replacingOccurrences(of: "(?s)<head.*?</head>|<!--.*?-->|<[^>]*>", with: " ",
                                          options: .regularExpression)
                    .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
            }
        }
    }

    private static func addresses(_ value: Any?) -> [String] {
        guard let address = (value as? [String: Any])?["Address"] as? [String: Any] else { return [] }
        if let list = address["List"] as? [[String: Any]] {
            return list.compactMap { $0["address"] as? String }
        }
        if let groups = address["Group"] as? [[String: Any]] {
            return groups.flatMap { ($0["addresses"] as? [[String: Any]] ?? []).compactMap { $0["address"] as? String } }
        }
        return []
    }

    /// The subject of an embedded message part: we name such attachments `Subject.eml`, mail-parser leaves them
    /// unnamed, so the expectation is built the same way from the subject mail-parser decoded.
    private static func embeddedSubject(_ part: [String: Any]) -> String? {
        guard let message = (part["body"] as? [String: Any])?["Message"] as? [String: Any],
              let top = (message["parts"] as? [[String: Any]])?.first else { return nil }
        let headers = top["headers"] as? [[String: Any]] ?? []
        let subject = headers.first { ($0["name"] as? String) == "subject" }?["value"] as? [String: Any]
        guard let text = subject?["Text"] as? String, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    private static func filename(_ part: [String: Any]) -> String? {
        let headers = part["headers"] as? [[String: Any]] ?? []
        func attribute(_ header: String, _ name: String) -> String? {
            for h in headers where (h["name"] as? String) == header {
                let value = (h["value"] as? [String: Any])?["ContentType"] as? [String: Any]
                for attr in value?["attributes"] as? [[String: Any]] ?? [] where (attr["name"] as? String) == name {
                    return attr["value"] as? String
                }
            }
            return nil
        }
        return attribute("content_disposition", "filename") ?? attribute("content_type", "name")
    }
}
