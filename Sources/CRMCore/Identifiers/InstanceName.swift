import Foundation

/// The name of one process among those sharing a database (issue 14): `instance.name` of a `crmservice run` (the
/// holder a lease row names; the same across restarts, so that a restarted instance takes back what it held), or
/// `cli@HOST:PID` for a one-shot command. Runs record it, so that a run left `running` is failed only when its
/// instance is gone.
public struct InstanceName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(_ raw: String) { rawValue = raw }

    public var description: String { rawValue }
    public static func < (lhs: InstanceName, rhs: InstanceName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A one-shot command's own name, `cli@HOST:PID`: unique while it runs, never reused by a `run` instance.
    public static var commandLine: InstanceName {
        InstanceName("cli@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)")
    }
}
