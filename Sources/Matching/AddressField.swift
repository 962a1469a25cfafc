/// An address header, as named in audit entries.
public enum AddressField: String, Sendable, Hashable, CaseIterable, Codable {
    case from = "From"
    case sender = "Sender"
    case replyTo = "Reply-To"
    case to = "To"
    case cc = "Cc"
    case bcc = "Bcc"
    case deliveredTo = "Delivered-To"
    case xOriginalTo = "X-Original-To"
}
