import CRMCore

/// One message as fetched or replayed: its bytes and where they came from. The poller and `replay` hand the same
/// value to the same pipeline (DESIGN.md, data flow).
public struct RawMessage: Sendable {
    public var bytes: [UInt8]
    public var source: MessageSource
    /// Set when the message was over `capture.max_message_bytes`: `bytes` is then only its header section (§12).
    public var tooLarge: MessageTooLarge?

    public init(bytes: [UInt8], source: MessageSource, tooLarge: MessageTooLarge? = nil) {
        self.bytes = bytes
        self.source = source
        self.tooLarge = tooLarge
    }
}
