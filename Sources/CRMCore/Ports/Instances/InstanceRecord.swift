import Foundation

/// One instance as the database knows it (issue 14): when it started, when it last said it was alive, and until when
/// what it holds (its running runs) stays its own without another heartbeat.
public struct InstanceRecord: Sendable, Hashable {
    public var name: InstanceName
    public var startedAt: Date
    public var seenAt: Date
    /// `seenAt` plus the instance's own `instance.lease_seconds`; after it, its running runs are failed by anyone.
    public var expiresAt: Date
    public var pid: Int?
    public var version: String?

    public init(name: InstanceName, startedAt: Date, seenAt: Date, expiresAt: Date, pid: Int? = nil,
                version: String? = nil) {
        self.name = name
        self.startedAt = startedAt
        self.seenAt = seenAt
        self.expiresAt = expiresAt
        self.pid = pid
        self.version = version
    }

    /// Whether its lease has run out at `time`.
    public func isExpired(at time: Date) -> Bool { expiresAt < time }
}
