/// How far a mailbox has been captured: moved in the same transaction as the outcomes it covers.
public struct MailboxCheckpoint: Sendable, Equatable {
    public var mailbox: String
    public var uidValidity: UInt32
    public var lastUID: UInt32
    public init(mailbox: String, uidValidity: UInt32, lastUID: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}
