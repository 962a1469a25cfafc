/// What the poller does to a message in its mailbox once the message's outcome is committed (`after`).
public enum AfterCaptureAction: Sendable, Equatable, CustomStringConvertible {
    /// Set `\Seen`.
    case seen
    /// Leave the message as it was: a fetch sets `\Seen`, so it is cleared again on mail that was unseen.
    case none
    /// Move the message to `folder`.
    case move(folder: String)

    public var description: String {
        switch self {
        case .seen: "seen"
        case .none: "none"
        case .move(let folder): "move:\(folder)"
        }
    }
}
