/// The name of one `crmservice run` instance among those sharing a database (`instance.name`, the host name by
/// default): what a lease row names as its holder. Unique among the instances and the same across restarts, so that a
/// restarted instance takes back at once what it held.
public struct InstanceName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
    public static func < (lhs: InstanceName, rhs: InstanceName) -> Bool { lhs.rawValue < rhs.rawValue }
}
