import Foundation
import MailMIME
import TestSupport

/// A digest as the SMTP server received it, read with our own parser: the message, and each part of its
/// multipart/alternative body read on its own (the parser shows one body text; a part is a message of its own).
struct ReceivedDigest {
    let received: SMTPServer.Received
    let message: ParsedMessage
    /// The text part's text.
    let text: String
    /// The HTML part, decoded but not turned into text (its markup and links as sent).
    let html: String
    /// The HTML part as the parser turns it into text.
    let htmlText: String

    init(_ received: SMTPServer.Received) throws {
        self.received = received
        message = MIMEParser().parse(received.bytes)
        let type = message.headers.first { $0.hasName("Content-Type") }.map { String(decoding: $0.rawValue, as: UTF8.self) } ?? ""
        guard let start = type.range(of: "boundary=\"")?.upperBound,
              let end = type[start...].firstIndex(of: "\"") else { throw NotMultipart(contentType: type) }
        let boundary = "--" + type[start..<end]
        let body = String(decoding: received.bytes, as: UTF8.self)
        let parts = body.components(separatedBy: "\r\n" + boundary).dropFirst().filter { !$0.hasPrefix("--") }
        guard parts.count == 2 else { throw NotMultipart(contentType: "\(parts.count) parts") }
        func part(_ raw: String) -> [UInt8] { Array(raw.drop { $0 == "\r\n" || $0 == "\n" }.utf8) }
        let plain = MIMEParser().parse(part(parts[0]))
        let htmlPart = MIMEParser().parse(part(parts[1]))
        guard plain.contentType == "text/plain", htmlPart.contentType == "text/html" else {
            throw NotMultipart(contentType: "\(plain.contentType), \(htmlPart.contentType)")
        }
        text = plain.text
        htmlText = htmlPart.text
        // The same part read as plain text: decoded (quoted-printable, UTF-8), markup kept.
        let raw = part(parts[1].replacingOccurrences(of: "Content-Type: text/html", with: "Content-Type: text/plain"))
        html = MIMEParser().parse(raw).text
    }

    /// The links of the HTML part (`href="…"`), entities decoded.
    var links: [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    struct NotMultipart: Error { var contentType: String }
}
