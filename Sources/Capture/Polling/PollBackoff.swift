import CRMCore

/// How long a mailbox poller waits after failed polls (issue #4): exponential backoff with full jitter between
/// `base` and `cap` for faults that may pass (refused, timeouts, a dropped connection, the database), and a long fixed
/// wait after a denied login, so that a wrong password never turns into a storm of logins.
public struct PollBackoff: Sendable, Equatable {
    /// The first wait and the smallest one: 1 s.
    public var base: Duration
    /// The largest wait of the exponential series: 5 min.
    public var cap: Duration
    /// The wait after a denied login (`auth`): 15 min.
    public var authWait: Duration

    public init(base: Duration = .seconds(1), cap: Duration = .seconds(300), authWait: Duration = .seconds(900)) {
        self.base = base
        self.cap = cap
        self.authWait = authWait
    }

    /// The ceiling of the `failures`-th consecutive failure (1-based): `base · 2^(failures-1)`, at most `cap`.
    public func ceiling(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures, 1) - 1, 40)
        let seconds = base.timeInterval * Double(UInt64(1) << UInt64(exponent))
        return .milliseconds(Int64((min(seconds, cap.timeInterval) * 1000).rounded()))
    }

    /// The wait after the `failures`-th consecutive failure of kind `kind`; `random` is uniform in `0..<1` (full
    /// jitter: anywhere between `base` and the ceiling).
    public func delay(afterFailures failures: Int, kind: PollErrorKind, random: Double) -> Duration {
        if kind == .auth { return authWait }
        let ceiling = ceiling(afterFailures: failures).timeInterval
        let jittered = min(max(random, 0), 1) * ceiling
        return .milliseconds(Int64((max(jittered, base.timeInterval) * 1000).rounded()))
    }
}
