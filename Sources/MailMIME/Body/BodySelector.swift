/// Chooses the body text among the leaves and turns the others into attachments (§4).
///
/// The body text is the first `text/plain` leaf not marked `attachment`, else the first such `text/html` leaf read
/// as text (a blank `text/plain` gives way to a non-blank `text/html`); this is what `multipart/alternative` asks for and what MimeKit's `TextBody`/`HtmlBody` and Python's
/// `get_body` do. Other `text/plain`/`text/html` leaves not marked attachment are alternative renderings or
/// further inline text: like MimeKit's `Attachments` (which lists only parts marked attachment or named) they are
/// attachments only when they carry a file name. Every other leaf is an attachment. Files uuencoded into the
/// plain body text (`begin 644 name` … `end`) become attachments too, listed before the MIME attachments.
struct BodySelector {
    let bytes: [UInt8]
    let options: MIMEParser.Options

    struct Selection {
        var text: String = ""
        var fromHTML = false
        var attachments: [Attachment] = []
    }

    /// The body text and the attachments among `leaves` (in document order).
    func select(_ leaves: [MIMEEntity], defects: inout [MIMEDefect]) -> Selection {
        var selection = Selection()
        var chosen: Int? = nil
        // An empty text/plain (a stub some mailers put beside the real HTML) does not hide a non-empty HTML part.
        search: for subtype in ["plain", "html"] {
            for (index, leaf) in leaves.enumerated() where leaf.isBodyCandidate && leaf.contentType.subtype == subtype {
                var attempt: [MIMEDefect] = []
                let text = text(of: leaf, html: subtype == "html", defects: &attempt)
                if chosen == nil || !text.isEmpty {
                    chosen = index
                    selection.text = text
                    selection.fromHTML = subtype == "html"
                    defects.append(contentsOf: attempt)
                }
                if !text.allSatisfy(\.isWhitespace) { break search }
            }
        }
        if chosen != nil, !selection.fromHTML, let found = InlineUUEncode.extract(from: selection.text) {
            selection.text = found.text
            for block in found.blocks {
                selection.attachments.append(Attachment(
                    filename: block.filename, contentType: "application/octet-stream",
                    contentID: nil, disposition: nil,
                    data: options.keepAttachmentData ? block.data : [], size: block.data.count))
            }
        }
        for (index, leaf) in leaves.enumerated() where index != chosen {
            if leaf.isBodyCandidate && leaf.filename == nil { continue }
            selection.attachments.append(attachment(leaf, defects: &defects))
        }
        return selection
    }

    /// The decoded text of a text leaf, `\n` line ends.
    func text(of leaf: MIMEEntity, html: Bool, defects: inout [MIMEDefect]) -> String {
        let decoded = BodyDecoder.decode(bytes, leaf.bodyRange, encoding: leaf.encoding, defects: &defects)
        var text = CharsetDecoder.decode(decoded[...], charset: leaf.contentType.parameters["charset"],
                                         options: options, defects: &defects)
        if html { text = HTMLToText.convert(text) }
        return LineEnds.normalized(text)
    }

    private func attachment(_ leaf: MIMEEntity, defects: inout [MIMEDefect]) -> Attachment {
        var filename = leaf.filename
        let isMessage = leaf.contentType.type == "message"
            && (leaf.contentType.subtype == "rfc822" || leaf.contentType.subtype == "global")
        var data: [UInt8] = []
        let size: Int
        if options.keepAttachmentData || (isMessage && filename == nil && leaf.encoding != .identity) {
            data = BodyDecoder.decode(bytes, leaf.bodyRange, encoding: leaf.encoding, defects: &defects)
            size = data.count
        } else {
            size = BodyDecoder.decodedSize(bytes, leaf.bodyRange, encoding: leaf.encoding, defects: &defects)
        }
        if isMessage && filename == nil {
            filename = embeddedMessageName(leaf, decoded: leaf.encoding == .identity ? nil : data)
        }
        if !options.keepAttachmentData { data = [] }
        return Attachment(filename: filename, contentType: leaf.contentType.mimeType, contentID: leaf.contentID,
                          disposition: leaf.disposition?.kind, data: data, size: size)
    }

    /// An embedded message is named after its subject, as mail clients do when saving it: `Subject.eml`.
    private func embeddedMessageName(_ leaf: MIMEEntity, decoded: [UInt8]?) -> String? {
        var ignored: [MIMEDefect] = []
        let source = decoded ?? bytes
        let range = decoded.map { $0.indices } ?? leaf.bodyRange
        let block = HeaderBlockParser.parse(source, in: range, options: options, defects: &ignored)
        guard let field = block.first("Subject") else { return nil }
        let subject = HeaderText.unstructured(field.rawValue, options: options, defects: &ignored)
        let trimmed = subject.filter { $0 != "\r" && $0 != "\n" }
        guard trimmed.contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
        return trimmed + ".eml"
    }
}
