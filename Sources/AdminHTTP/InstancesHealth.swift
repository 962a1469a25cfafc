import CRMCore
import Foundation

/// What `/healthz` (with credentials) says about the instances sharing the database (issue 14): this one's name, every
/// instance with its last heartbeat, and which instance runs each running run. Reported by the instance's heartbeat.
public struct InstancesHealth: Sendable, Equatable, Encodable {
    public struct Instance: Sendable, Equatable, Encodable {
        public var name: String
        public var lastHeartbeat: String
        public var leaseUntil: String
        public var expired: Bool

        enum CodingKeys: String, CodingKey { case name, lastHeartbeat = "last_heartbeat", leaseUntil = "lease_until", expired }
    }

    public struct RunningRun: Sendable, Equatable, Encodable {
        public var run: Int64
        public var job: String
        public var instance: String?
    }

    public var name: String
    public var instances: [Instance]
    public var runningRuns: [RunningRun]

    public init(name: InstanceName, instances: [InstanceRecord], running: [JobRun], at time: Date) {
        self.name = name.rawValue
        self.instances = instances.map {
            Instance(name: $0.name.rawValue, lastHeartbeat: MailboxHealth.utc($0.seenAt),
                     leaseUntil: MailboxHealth.utc($0.expiresAt), expired: $0.isExpired(at: time))
        }
        runningRuns = running.map { RunningRun(run: $0.id.rawValue, job: $0.job, instance: $0.instance?.rawValue) }
    }

    enum CodingKeys: String, CodingKey { case name, instances, runningRuns = "running_runs" }
}

extension AdminState {
    /// Takes the heartbeat's view of the instances, for `/healthz`.
    public func reportInstances(_ report: InstancesHealth) { instancesReport.withLock { $0 = report } }

    /// The latest view of the instances (nil before the first heartbeat, or without one).
    public func instancesSnapshot() -> InstancesHealth? { instancesReport.withLock { $0 } }
}
