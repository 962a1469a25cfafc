import CRMCore

/// One message as fetched or replayed: its bytes and where they came from. The poller and `replay` hand the same
/// value to the same pipeline (DESIGN.md, data flow).
public struct RawMessage: Sendable {
    public var bytes: [UInt8]
    public var source: MessageSource

    public init(bytes: [UInt8], source: MessageSource) {
        self.bytes = bytes
        self.source = source
    }
}
