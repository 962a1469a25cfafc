import Foundation

/// The seed of a test's random inputs, printed so that a failure can be replayed. Each test has a fixed default (the
/// same inputs in every run, so CI cannot go red by chance); `TEST_SEED=N swift test --filter ...` runs it on other
/// inputs, or replays a printed seed.
public enum TestSeed {
    public static func value(_ test: String, default seed: UInt64) -> UInt64 {
        let chosen = ProcessInfo.processInfo.environment["TEST_SEED"].flatMap { UInt64($0) } ?? seed
        print("\(test): seed \(chosen) (TEST_SEED=\(chosen) repeats it)")
        return chosen
    }
}
