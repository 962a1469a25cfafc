/// Bytes to download from the review queue: a raw message or an attachment, with what mail said about them.
/// `filename` and `contentType` are untrusted (the sender chose them); the HTTP side makes them safe.
public struct ReviewFile: Sendable, Hashable {
    public var filename: String?
    public var contentType: String
    public var bytes: [UInt8]

    public init(filename: String?, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}
