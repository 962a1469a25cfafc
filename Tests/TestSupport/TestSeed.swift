import Foundation

/// The seed of a test's random inputs: printed, so that a failure can be replayed, and taken from `TEST_SEED` when
/// set (`TEST_SEED=N swift test --filter ...` replays it). Without it each run draws a fresh seed, so that runs
/// explore different inputs instead of the same ones forever.
public enum TestSeed {
    public static func draw(_ test: String) -> UInt64 {
        let given = ProcessInfo.processInfo.environment["TEST_SEED"].flatMap { UInt64($0) }
        let seed = given ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("\(test): seed \(seed) (TEST_SEED=\(seed) repeats it)")
        return seed
    }
}
