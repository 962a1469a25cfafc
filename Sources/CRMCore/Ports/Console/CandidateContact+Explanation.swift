extension CandidateContact.Reason {
    /// Why the contact is suggested, in the administrator's words; the CLI and the console show the same text.
    public var explanation: String {
        switch self {
        case .earlierAssignment(let count):
            count == 1 ? "an earlier entry from this address was assigned to this contact"
                : "\(count) earlier entries from this address were assigned to this contact"
        case .sameDisplayName: "same name as the sender's display name"
        case .sameThread: "takes part in the same thread"
        case .accountSharesDomain(let domain): "on an account whose contacts write from \(domain)"
        }
    }
}

extension CandidateContact {
    /// Every reason's explanation, strongest first, joined with "; ".
    public var explanation: String { reasons.map(\.explanation).joined(separator: "; ") }
}
