import Foundation

/// What `export` shows of a message besides its outcome.
public struct MessageHeadline: Sendable, Equatable {
    public var messageID: String?
    public var date: Date?
    public var subject: String?
    public var from: String?
    /// The sender's display name, for finding the message in the review queue (§8: `q` searches it).
    public var fromName: String?
    public init(messageID: String?, date: Date?, subject: String?, from: String?, fromName: String? = nil) {
        self.messageID = messageID
        self.date = date
        self.subject = subject
        self.from = from
        self.fromName = fromName
    }
}
