import CRMCore
import Foundation
import Testing

private func t(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + minutes * 60) }

@Suite("§8 the lockout: five wrong passwords within 15 minutes lock a login for 15 minutes")
struct LoginLockoutTests {
    let lockout = LoginLockout()

    @Test("§8 four failures do not lock")
    func fourFailures() {
        let failures = [t(0), t(1), t(2), t(3)]
        #expect(lockout.lockedUntil(failures: failures, at: t(3.5)) == nil)
    }

    @Test("§8 five failures within 15 minutes lock for 15 minutes from the fifth")
    func fiveWithinWindow() {
        let failures = [t(0), t(3), t(6), t(9), t(14)]
        #expect(lockout.lockedUntil(failures: failures, at: t(14)) == t(29))
        #expect(lockout.lockedUntil(failures: failures, at: t(28.9)) == t(29))
    }

    @Test("§8 five failures spread over more than 15 minutes do not lock")
    func fiveSpreadOut() {
        let failures = [t(0), t(4), t(8), t(12), t(16)]
        #expect(lockout.lockedUntil(failures: failures, at: t(16)) == nil)
    }

    @Test("§8 the lock expires 15 minutes after the failure that set it")
    func lockExpires() {
        let failures = [t(0), t(1), t(2), t(3), t(4)]
        #expect(lockout.lockedUntil(failures: failures, at: t(18.9)) == t(19))
        #expect(lockout.lockedUntil(failures: failures, at: t(19)) == nil)
        #expect(lockout.lockedUntil(failures: failures, at: t(40)) == nil)
    }

    @Test("§8 failures during the lock extend it: the latest five within 15 minutes count")
    func failuresDuringLockExtend() {
        let failures = [t(0), t(1), t(2), t(3), t(4), t(10)]
        #expect(lockout.lockedUntil(failures: failures, at: t(20)) == t(25))
    }

    @Test("§8 the failures a store must return reach back window plus duration")
    func lookback() {
        #expect(lockout.lookback(from: t(30)) == t(0))
    }
}
