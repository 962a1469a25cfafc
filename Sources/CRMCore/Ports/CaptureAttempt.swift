/// The message a capture attempt was about: its mailbox, UIDVALIDITY and UID (§12 `unprocessable`).
public struct CaptureAttempt: Sendable, Hashable {
    public var mailbox: String
    public var uidValidity: UInt32
    public var uid: UInt32
    public init(mailbox: String, uidValidity: UInt32, uid: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }
}
