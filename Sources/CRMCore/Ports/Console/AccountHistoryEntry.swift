/// One entry of an account's history: a captured mail or an appointment (§9); the page shows each case with its own
/// partial.
public enum AccountHistoryEntry: Sendable, Hashable {
    case activity(ActivitySummary)
    case appointment(AppointmentSummary)
}
