/// What the review pages show: an unmatched entry (by its id), or an activity flagged `privacy_review` (by the
/// activity's id). The two id spaces are distinct, hence the kind.
public struct ReviewItemRef: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// An unmatched entry of the review queue (§5).
        case unmatched
        /// An activity a later copy flagged `privacy_review` (§12).
        case activity
    }

    public var kind: Kind
    public var id: Int64

    public init(_ kind: Kind, _ id: Int64) {
        self.kind = kind
        self.id = id
    }

    public static func unmatched(_ id: Int64) -> ReviewItemRef { ReviewItemRef(.unmatched, id) }
    public static func activity(_ id: Int64) -> ReviewItemRef { ReviewItemRef(.activity, id) }

    /// The audit log's target: `unmatched 17`, `activity 5`.
    public var description: String { "\(kind.rawValue) \(id)" }
}
