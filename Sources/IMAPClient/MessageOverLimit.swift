import CRMCore

/// A message fetched with a limit sent more bytes than the limit (§12): the transfer was abandoned, nothing of it kept.
public struct MessageOverLimit: Error, Sendable, Hashable, CustomStringConvertible {
    public var uid: MessageUID
    /// The limit the fetch had.
    public var limit: Int
    /// Bytes received before the fetch was abandoned (more than `limit`).
    public var received: Int

    public init(uid: MessageUID, limit: Int, received: Int) {
        self.uid = uid
        self.limit = limit
        self.received = received
    }

    public var description: String { "UID \(uid) sent more than \(limit) bytes" }
}
