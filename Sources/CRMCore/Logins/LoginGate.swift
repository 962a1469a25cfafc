import Foundation

/// Checks a login's password for the console and for CLI commands that ask for one again (§8, §10): the lockout
/// first, then the hash; every attempt is recorded, so five failures lock the login wherever they were made.
public struct LoginGate: Sendable {
    let store: any LoginStore
    let hashing: any PasswordHashing
    let lockout: LoginLockout

    public init(store: any LoginStore, hashing: any PasswordHashing, lockout: LoginLockout = LoginLockout()) {
        self.store = store
        self.hashing = hashing
        self.lockout = lockout
    }

    /// The answer to one attempt. `refused` covers an unknown user, no password set, a wrong password and a locked
    /// login alike, so that the answer tells an attacker nothing.
    public enum Verdict: Sendable, Equatable {
        case accepted(Login)
        case refused
    }

    /// Until when `user` is locked at `time`, nil when it is not.
    public func lockedUntil(_ user: UserID, at time: Date) throws -> Date? {
        lockout.lockedUntil(failures: try store.failedLoginTimes(of: user, since: lockout.lookback(from: time)), at: time)
    }

    /// Checks `password` for `user` at `time` and records the attempt (`origin`: "console", "cli", …).
    public func authenticate(_ user: UserID, password: String, origin: String, at time: Date = Date()) throws -> Verdict {
        guard let login = try store.login(user) else { return .refused }
        let locked = try lockedUntil(user, at: time) != nil
        let matches = try store.passwordHash(of: user).map { hashing.verify(password, against: $0) } ?? false
        let accepted = matches && !locked
        try store.recordLoginAttempt(user, succeeded: accepted, origin: origin, at: time)
        return accepted ? .accepted(login) : .refused
    }
}
