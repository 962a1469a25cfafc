/// A warning on an activity; the raw value is the contract's `flags` entry.
public enum ActivityFlag: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// A linked order belongs to none of the activity's accounts, their parents or their subsidiaries (any depth).
    case orderAccountMismatch = "order_account_mismatch"
    /// §12: a later copy of the message names a never-capture address; the activity is kept for a person to judge.
    case privacyReview = "privacy_review"

    public static func < (lhs: ActivityFlag, rhs: ActivityFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
