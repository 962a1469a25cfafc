import Foundation

/// What `export` shows of a message besides its outcome.
public struct MessageHeadline: Sendable, Equatable {
    public var messageID: String?
    public var date: Date?
    public var subject: String?
    public var from: String?
    public init(messageID: String?, date: Date?, subject: String?, from: String?) {
        self.messageID = messageID
        self.date = date
        self.subject = subject
        self.from = from
    }
}
