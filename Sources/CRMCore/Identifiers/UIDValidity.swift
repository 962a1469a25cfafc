/// A mailbox's UIDVALIDITY (RFC 3501 §2.3.1.1): when it changes, every UID the client remembers is void.
public struct UIDValidity: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}
