import Foundation

/// The `instance` section (issue 14): how this process names itself to the others sharing its database, and how
/// long what it holds (a mailbox, a user's calendar, a job run) stays its own without a renewal.
public struct InstanceSettings: Sendable, Equatable {
    /// The default `instance.lease_seconds`.
    public static let defaultLeaseSeconds = 30

    /// `instance.name` [the host name]: unique among the instances of one database and the same across restarts, so
    /// that a restarted instance recognises what it held.
    public var name: String
    /// `instance.lease_seconds`: a lease not renewed for this long may be taken over by another instance.
    public var leaseSeconds: Int

    public init(name: String = InstanceSettings.hostName, leaseSeconds: Int = InstanceSettings.defaultLeaseSeconds) {
        self.name = name
        self.leaseSeconds = leaseSeconds
    }

    /// The machine's host name, the default `instance.name`.
    public static var hostName: String { ProcessInfo.processInfo.hostName }
}
