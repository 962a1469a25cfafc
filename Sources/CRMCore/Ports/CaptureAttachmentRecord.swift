/// An attachment kept with an activity: the bytes are stored once per SHA-256; the file name is data, never a path.
public struct AttachmentRecord: Sendable, Equatable {
    public var filename: String?
    public var contentType: String
    public var sha256: String
    public var data: [UInt8]
    public init(filename: String?, contentType: String, sha256: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.sha256 = sha256
        self.data = data
    }
}
