/// STATUS of a VEVENT (RFC 5545 §3.8.1.11), the values §9 exports.
public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    case confirmed = "CONFIRMED"
    case tentative = "TENTATIVE"
    case cancelled = "CANCELLED"

    /// The contract's spelling (`confirmed`, `tentative`, `cancelled`).
    public var contractName: String { rawValue.lowercased() }
}
