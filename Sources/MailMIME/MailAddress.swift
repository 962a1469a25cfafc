/// One mailbox of an address header: an optional display name and the address (`local@domain`).
///
/// `address` is as written (trimmed, no angle brackets); comparison rules (§2: case-insensitive) belong to callers.
/// It may be empty when a group or a display name stood without any address; the parser records a defect then.
public struct MailAddress: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}
