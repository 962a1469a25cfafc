/// A leaf part that is not the chosen body text: a file attached or embedded in the message.
public struct Attachment: Sendable, Equatable {
    /// File name from `Content-Disposition` `filename` or `Content-Type` `name` (RFC 2231/2047 decoded).
    /// Untrusted: it may contain `/`, `..` or control characters, and must never become a path.
    public var filename: String?
    /// `type/subtype`, lower-cased.
    public var contentType: String
    /// `Content-ID` without angle brackets.
    public var contentID: String?
    /// `inline` or `attachment` when a `Content-Disposition` was given.
    public var disposition: String?
    /// The decoded content (transfer encoding removed). Empty when `MIMEParser.Options.keepAttachmentData` is false.
    public var data: [UInt8]
    /// Size in decoded bytes (also set when the data is not kept).
    public var size: Int

    public init(filename: String?, contentType: String, contentID: String? = nil, disposition: String? = nil,
                data: [UInt8], size: Int) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.disposition = disposition
        self.data = data
        self.size = size
    }
}
