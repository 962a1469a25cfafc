/// The status of an appointment (§9: `confirmed`, `tentative`, `cancelled`; iCalendar's STATUS of a VEVENT).
public enum AppointmentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case confirmed
    case tentative
    case cancelled
}
