/// A leaf of the entity tree: a part that is not a multipart (or one kept opaque), located in some bytes.
struct MIMEEntity: Sendable {
    var contentType: ContentType
    var disposition: ContentDisposition?
    var contentID: String?
    var encoding: TransferEncoding
    /// The body bytes (still transfer-encoded) inside the message bytes.
    var bodyRange: Range<Int>
    /// A multipart below `Options.maxDepth`, kept whole as an attachment.
    var opaque: Bool = false

    /// `Content-Disposition` `filename`, else `Content-Type` `name`; nil when neither is given.
    var filename: String? {
        if let name = disposition?.parameters["filename"], !name.isEmpty { return name }
        if let name = contentType.parameters["name"], !name.isEmpty { return name }
        return nil
    }

    /// `Content-Disposition: attachment` was given.
    var isAttachmentDisposition: Bool { disposition?.kind == "attachment" }

    /// A text part that may be the message's body text (§4): `text/plain` or `text/html`, not marked attachment.
    var isBodyCandidate: Bool {
        !opaque && contentType.type == "text" && (contentType.subtype == "plain" || contentType.subtype == "html")
            && !isAttachmentDisposition
    }
}
