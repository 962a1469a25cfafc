/// The raw bytes of one copy of a message with their SHA-256 (64 lower-case hex digits) as checksum.
public struct RawCopy: Sendable, Equatable {
    public var sha256: String
    public var bytes: [UInt8]
    public init(sha256: String, bytes: [UInt8]) {
        self.sha256 = sha256
        self.bytes = bytes
    }
}
