import Foundation

/// The lockout rule of §8: five wrong passwords for one login within 15 minutes lock it for 15 minutes, during which
/// the right password gets the same refusal as a wrong one.
public struct LoginLockout: Sendable, Equatable {
    public var attempts: Int
    public var window: TimeInterval
    public var duration: TimeInterval

    public init(attempts: Int = 5, window: TimeInterval = 15 * 60, duration: TimeInterval = 15 * 60) {
        self.attempts = attempts
        self.window = window
        self.duration = duration
    }

    /// How far back the failures that can matter at `time` reach.
    public func lookback(from time: Date) -> Date { time.addingTimeInterval(-(window + duration)) }

    /// Until when the login is locked at `time`, given its failed attempts (oldest first, at least those since
    /// `lookback(from:)`); nil when it is not locked. The lock starts at the failure that completes `attempts`
    /// failures within `window`.
    public func lockedUntil(failures: [Date], at time: Date) -> Date? {
        guard attempts > 0, failures.count >= attempts else { return nil }
        var latestLockEnd: Date?
        for end in (attempts - 1)..<failures.count {
            let first = failures[end - attempts + 1]
            let last = failures[end]
            if last.timeIntervalSince(first) <= window {
                let lockEnd = last.addingTimeInterval(duration)
                if latestLockEnd.map({ lockEnd > $0 }) ?? true { latestLockEnd = lockEnd }
            }
        }
        guard let lockEnd = latestLockEnd, lockEnd > time else { return nil }
        return lockEnd
    }
}
