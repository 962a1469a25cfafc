/// §12: a message larger than `capture.max_message_bytes`, of which only the header section was read. Carried by
/// its `RawMessage`, whose bytes are then that header section.
public struct MessageTooLarge: Sendable, Hashable {
    /// The size of the whole message in bytes (as the server or the file system told it).
    public var size: Int
    /// The limit it exceeded (`capture.max_message_bytes`).
    public var limit: Int

    public init(size: Int, limit: Int) {
        self.size = size
        self.limit = limit
    }

    /// `capture.max_message_bytes` when the configuration does not set it: 64 MiB.
    public static let defaultLimit = 64 << 20
    /// The most of a too-large message's header section that is read (the parser reads no more of a header).
    public static let headerBound = 1 << 20
}
