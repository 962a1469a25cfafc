/// One entry of an account's history. Appointments (§9, a later issue) become a second case here; the page shows
/// each case with its own partial.
public enum AccountHistoryEntry: Sendable, Hashable {
    case activity(ActivitySummary)
}
