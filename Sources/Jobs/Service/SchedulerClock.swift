import Foundation

/// The scheduler's clock: wall-clock time (cron is about wall-clock instants) and a way to wait for one. Injected,
/// so tests move time by hand and never sleep.
public protocol SchedulerClock: WallClock {
    /// Returns once `now() >= deadline`; throws `CancellationError` when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The system's clock: `Date` for the time, `ContinuousClock` for the waiting. Waits in steps of at most 30 s and
/// looks at the wall clock again after each, so a clock step (NTP, a suspended machine) delays a fire by 30 s at most.
public struct SystemSchedulerClock: SchedulerClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        while true {
            let left = deadline.timeIntervalSince(Date())
            if left <= 0 { return }
            try await Task.sleep(for: .milliseconds(Int64((min(left, 30) * 1000).rounded(.up))), clock: .continuous)
        }
    }
}
