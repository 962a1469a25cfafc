import CRMCore
import Foundation
import Logging
import ServiceLifecycle

/// The heartbeat of a `crmservice run` instance (issue 14), a `Service` of its group: registers the instance at
/// start-up, renews it every `interval` (a sixth of the lease, 1–5 s) until graceful shutdown, and at each beat marks
/// `failed` the runs of other instances whose lease expired (a `kill -9`, a lost machine), so their jobs can run again.
/// A failed beat is logged; the next one tries again (the lease leaves room for a few).
public struct InstanceHeartbeat: Service {
    let registry: any InstanceRegistry
    let instance: InstanceName
    let leaseSeconds: Int
    let version: String?
    let clock: any SchedulerClock
    let logger: Logger
    let onBeat: (@Sendable ([InstanceRecord], [JobRun], Date) -> Void)?

    /// `onBeat` gets, after each beat, the instances and the running runs as the database lists them (`/healthz`).
    public init(registry: any InstanceRegistry, instance: InstanceName, leaseSeconds: Int, version: String? = nil,
                clock: any SchedulerClock = SystemSchedulerClock(), logger: Logger,
                onBeat: (@Sendable ([InstanceRecord], [JobRun], Date) -> Void)? = nil) {
        self.onBeat = onBeat
        self.registry = registry
        self.instance = instance
        self.leaseSeconds = leaseSeconds
        self.version = version
        self.clock = clock
        self.logger = logger
    }

    /// Seconds between two beats.
    public var interval: TimeInterval { Self.interval(leaseSeconds: leaseSeconds) }

    /// A sixth of the lease, at least 1 s and at most 5 s: several beats may fail before the lease runs out.
    public static func interval(leaseSeconds: Int) -> TimeInterval { min(5, max(1, TimeInterval(leaseSeconds) / 6)) }

    public func run() async throws {
        try await beat(starting: true)
        logger.info("instance registered", metadata: ["instance.name": "\(instance)", "instance.lease_seconds": "\(leaseSeconds)"])
        try? await cancelWhenGracefulShutdown {
            while true {
                try await clock.sleep(until: clock.now().addingTimeInterval(interval))
                do { try await beat(starting: false) } catch {
                    logger.error("cannot renew the instance's heartbeat", metadata: ["instance.name": "\(instance)", "error": "\(error)"])
                }
            }
        }
    }

    /// Renews this instance and fails the runs of lapsed ones.
    func beat(starting: Bool) async throws {
        let registry = self.registry, instance = self.instance, now = clock.now(), version = self.version
        let expires = now.addingTimeInterval(TimeInterval(leaseSeconds))
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        let failed = try await BlockingThread.run(name: "crmservice.heartbeat") {
            try registry.renewInstance(instance, at: now, expiresAt: expires, starting: starting, pid: pid, version: version)
            return try registry.failRunsOfLapsedInstances(
                except: instance, at: now, message: "its instance stopped renewing its heartbeat; marked failed by \(instance)")
        }
        for id in failed { logger.warning("run of a lapsed instance marked failed", metadata: ["job.run": "\(id)"]) }
        if let onBeat {
            let (instances, running) = try await BlockingThread.run(name: "crmservice.heartbeat") {
                (try registry.instances(), try registry.runningRuns())
            }
            onBeat(instances, running, now)
        }
    }
}
