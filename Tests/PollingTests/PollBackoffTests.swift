import Capture
import CRMCore
import Testing

/// The retry waits of issue #4: exponential with full jitter from 1 s to 5 min; a denied login waits long.
@Suite struct PollBackoffTests {
    let backoff = PollBackoff()

    @Test func theCeilingDoublesFromOneSecondUpToFiveMinutes() {
        let ceilings = (1...12).map { backoff.ceiling(afterFailures: $0) }
        #expect(ceilings.map { $0.components.seconds } == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300])
        #expect(backoff.ceiling(afterFailures: 1_000) == .seconds(300))
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.999999, 1.0])
    func everyWaitLiesBetweenOneSecondAndItsCeiling(random: Double) {
        for failures in 1...20 {
            for kind in PollErrorKind.allCases where kind != .auth {
                let wait = backoff.delay(afterFailures: failures, kind: kind, random: random)
                #expect(wait >= .seconds(1))
                #expect(wait <= backoff.ceiling(afterFailures: failures))
            }
        }
    }

    @Test func fullJitterSpreadsTheWaitOverTheWholeRange() {
        #expect(backoff.delay(afterFailures: 10, kind: .connect, random: 0.5) == .seconds(150))
        #expect(backoff.delay(afterFailures: 10, kind: .timeout, random: 0.0) == .seconds(1))
        #expect(backoff.delay(afterFailures: 10, kind: .protocolError, random: 1.0) == .seconds(300))
    }

    @Test func aDeniedLoginWaitsFifteenMinutesWhateverTheCount() {
        for failures in [1, 2, 50] {
            #expect(backoff.delay(afterFailures: failures, kind: .auth, random: 0) == .seconds(900))
        }
    }
}
