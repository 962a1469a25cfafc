/// Another rating run committed while this one computed, every time it tried; this one wrote nothing (the next run
/// starts from the other's result).
public struct RatingRunOverlapped: Error, Sendable, Hashable, CustomStringConvertible {
    /// The change sequence of the watermark this run computed from, and of the one committed meanwhile.
    public var seenChangeSeq: Int64?
    public var committedChangeSeq: Int64?

    public var description: String {
        "another rating run committed while this one computed (watermark \(seenChangeSeq.map(String.init) ?? "none") "
            + "became \(committedChangeSeq.map(String.init) ?? "none")); nothing written"
    }
}
