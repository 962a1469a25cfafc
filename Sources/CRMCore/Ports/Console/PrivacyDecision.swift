/// How a person settles an activity flagged `privacy_review` (§12: a later copy named a never-capture address).
///
/// Reprocessing makes no sense for such an activity: a later copy never rewrites what was stored, so deciding it
/// again gives the same activity with the same flag. What is left is a person's judgement.
public enum PrivacyDecision: String, Sendable, Hashable, CaseIterable {
    /// The activity stays; the flag is cleared.
    case keep
    /// The activity is removed as §4.9 would have: only the message's identity is kept, so copies arriving later are
    /// recognised and stay excluded.
    case exclude
}
