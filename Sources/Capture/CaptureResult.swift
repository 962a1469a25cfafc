import Matching

/// What became of one message (INTERFACE.md §4): the matcher's three outcomes and the writer's `duplicate`.
public enum CaptureResult: Sendable, Hashable {
    case activity
    case unmatched(UnmatchedReason)
    case ignored(IgnoredReason)
    /// A copy of a message already captured (its source was added; the message may have been decided again on the
    /// merge of its copies).
    case duplicate
}

extension CaptureResult {
    /// `activity`, `unmatched:unknown_sender`, `ignored:internal`, `duplicate`: the outcome as logs name it.
    public var logName: String {
        switch self {
        case .activity: "activity"
        case .unmatched(let reason): "unmatched:\(reason.rawValue)"
        case .ignored(let reason): "ignored:\(reason.rawValue)"
        case .duplicate: "duplicate"
        }
    }
}
