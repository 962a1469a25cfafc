/// Why a review action was refused as a whole; nothing was changed. Maps to 400 (console) or exit 2 (CLI).
public struct ReviewRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        case unknownContact = "no such contact"
        case unknownAccount = "no such account"
        case contactExists = "a contact with this id exists"
        case userAddress = "the address is a user's"
        case blankName = "the name is blank"
        case blankReason = "the reason is blank"
        case noIDs = "no ids given"
    }

    public var reason: Reason
    /// The id or address the refusal is about.
    public var subject: String

    public init(_ reason: Reason, _ subject: String) {
        self.reason = reason
        self.subject = subject
    }

    public var description: String { subject.isEmpty ? reason.rawValue : "\(subject): \(reason.rawValue)" }
}
