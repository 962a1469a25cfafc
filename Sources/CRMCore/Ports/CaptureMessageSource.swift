/// Where a copy of a message came from (§4 `sources`): the mailbox name and, for IMAP, `UIDVALIDITY:UID`; for
/// replay, the path as given (with `#N` for the N-th message of an mbox file).
public struct MessageSource: Hashable, Sendable, Comparable {
    public var mailbox: String
    public var ref: String
    public init(mailbox: String, ref: String) {
        self.mailbox = mailbox
        self.ref = ref
    }
    public static func < (a: Self, b: Self) -> Bool { (a.mailbox, a.ref) < (b.mailbox, b.ref) }
}
