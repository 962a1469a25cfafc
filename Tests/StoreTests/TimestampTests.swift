import CRMCore
import Foundation
import Testing
@testable import Store

/// The stored time text is unchanged by its faster writer: the same characters as the `Day` + `String(format:)`
/// formula it replaced, on every kind of instant (seeded random instants over ±3,000 years, fractions, day edges).
@Suite struct TimestampTests {
    static func formatted(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400 }
        return Day(utc: date).rawValue + String(format: "T%02lld:%02lld:%02lldZ", rest / 3600, rest / 60 % 60, rest % 60)
    }

    @Test func sameTextAsTheFormatFormula() {
        var edges: [Double] = [0, -0.5, -1, 86_399.999, 86_400, -86_400, -86_400.25, 951_782_400, 1_795_431_845.75,
                               253_402_300_799, -62_135_596_800, -62_135_596_801, -62_198_755_200]
        let seed: UInt64 = 20_261_204
        print("TimestampTests seed \(seed)")
        var generator = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            edges.append(Double(Int64.random(in: -95_000_000_000...95_000_000_000, using: &generator))
                         + Double(Int.random(in: 0..<1000, using: &generator)) / 1000)
        }
        for t in edges {
            let date = Date(timeIntervalSince1970: t)
            #expect(AppDatabase.timestamp(date) == Self.formatted(date), "\(t)")
        }
    }
}

/// A small seeded generator (SplitMix64), so a failing instant can be found again from the printed seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
