import CRMCore
import Foundation
import Jobs
import Store

/// The heartbeat of a one-shot command while a run of its own is in progress (`jobs run NAME`, `rating run`;
/// issue 14): the command is its own instance `cli@HOST:PID` and renews it every few seconds on a thread of its own,
/// so that the instances of `crmservice run` leave its run alone while it lives and fail it once it died.
/// A no-op in a process named as a `run` instance, whose `InstanceHeartbeat` beats already.
enum CommandHeartbeat {
    /// The lease a command declares: the default `instance.lease_seconds`.
    static let leaseSeconds = InstanceSettings.defaultLeaseSeconds

    /// Runs `body` with the heartbeat renewed around it.
    static func during<T>(_ registry: any InstanceRegistry, _ body: () throws -> T) throws -> T {
        let beating = try start(registry)
        defer { beating?.set() }
        return try body()
    }

    /// `during` for async work.
    static func during<T>(_ registry: any InstanceRegistry, _ body: () async throws -> T) async throws -> T {
        let beating = try start(registry)
        defer { beating?.set() }
        return try await body()
    }

    /// Registers the command's instance and starts the thread renewing it; nil in a `run` instance. Set the flag to
    /// stop the thread.
    private static func start(_ registry: any InstanceRegistry) throws -> StopFlag? {
        guard ProcessInstance.isCommandLine else { return nil }
        let instance = ProcessInstance.name, pid = Int(ProcessInfo.processInfo.processIdentifier)
        let lease = TimeInterval(leaseSeconds), interval = InstanceHeartbeat.interval(leaseSeconds: leaseSeconds)
        @Sendable func renew(starting: Bool) throws {
            let now = Date()
            try registry.renewInstance(instance, at: now, expiresAt: now.addingTimeInterval(lease), starting: starting,
                                       pid: pid, version: nil)
        }
        try renew(starting: true)
        let stop = StopFlag()
        let thread = Thread {
            var next = Date().addingTimeInterval(interval)
            while !stop.isSet {
                // Short naps: the command's end is not held up by the thread.
                Thread.sleep(forTimeInterval: 0.1)
                guard Date() >= next, !stop.isSet else { continue }
                try? renew(starting: false)
                next = Date().addingTimeInterval(interval)
            }
        }
        thread.name = "crmservice.heartbeat"
        thread.start()
        return stop
    }
}
