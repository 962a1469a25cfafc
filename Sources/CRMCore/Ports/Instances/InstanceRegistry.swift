import Foundation

/// The instances sharing one database and the runs they hold (issue 14). Implemented by Store; every method is one
/// transaction.
///
/// A run records the instance that runs it; an instance renews its heartbeat every few seconds. A run left `running`
/// is failed only when its instance is gone: the instance itself restarting (`failRunsLeftRunning(by:…)` at its
/// start-up), or any instance seeing that the holder's lease has expired (`failRunsOfLapsedInstances`). A live
/// instance's run is never failed by another's start-up.
public protocol InstanceRegistry: Sendable {
    /// Records `instance` alive at `time` until `expiresAt`; `starting` (its start-up) also sets its start time.
    func renewInstance(_ instance: InstanceName, at time: Date, expiresAt: Date, starting: Bool, pid: Int?,
                       version: String?) throws
    /// Every instance that ever heartbeated, by name.
    func instances() throws -> [InstanceRecord]
    /// The runs in state `running`, with their instances, newest first.
    func runningRuns() throws -> [JobRun]
    /// At `instance`'s start-up: marks `failed` (with `message`) its own runs left `running` by its previous life,
    /// runs of no instance (recorded before instances were named), and those of instances whose lease expired before
    /// `time`. Returns their ids.
    func failRunsLeftRunning(by instance: InstanceName, at time: Date, message: String) throws -> [JobRunID]
    /// Marks `failed` the runs still `running` whose instance (other than `except`) has no heartbeat or one that
    /// expired before `time`. Returns their ids.
    func failRunsOfLapsedInstances(except: InstanceName, at time: Date, message: String) throws -> [JobRunID]
}
