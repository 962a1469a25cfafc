/// Which way an activity goes (§4.4); the raw value is the contract's `direction`.
public enum Direction: String, Sendable, Hashable, CaseIterable, Codable {
    /// A contact wrote to the company.
    case incoming
    /// A user wrote to customers.
    case outgoing
}
