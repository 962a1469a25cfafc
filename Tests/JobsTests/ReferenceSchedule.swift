import CRMCore
@testable import Jobs

/// The brute-force reference the engine is compared with: walk every UTC minute, convert it to wall time in the
/// zone, match the five fields naively, and apply the §7 DST rules from what the walk itself sees —
/// a wall time equal to or before one already seen is a repeat (fall back); wall minutes jumped over between two
/// consecutive UTC minutes are a gap (spring forward) and, if any matches, the minute after the jump fires once.
struct ReferenceSchedule {
    let text: String
    let fields: [String]
    let expression: CronExpression
    let zone: TimeZoneRules

    init(_ text: String, zone: TimeZoneRules) throws {
        self.text = text
        fields = text.split(separator: " ").map(String.init)
        expression = try CronExpression(text)
        self.zone = zone
    }

    /// `*` or `*/N` in the hour field: repeated times fire in both occurrences.
    var hourRunsInBoth: Bool {
        let hour = fields[1]
        return hour == "*" || (hour.hasPrefix("*/") && Int(hour.dropFirst(2)) != nil)
    }

    func naiveMatch(_ local: Int64) -> Bool { naiveMatch(CivilTime(seconds: local)) }

    func naiveMatch(_ c: CivilTime) -> Bool {
        func has(_ bits: some BinaryInteger, _ v: Int) -> Bool { (UInt64(bits) >> UInt64(v)) & 1 == 1 }
        guard has(expression.minutes, c.minute), has(expression.hours, c.hour), has(expression.months, c.month) else {
            return false
        }
        let dom = has(expression.daysOfMonth, c.day)
        let dow = has(expression.daysOfWeek, c.weekday)
        let bothRestricted = !fields[2].hasPrefix("*") && !fields[4].hasPrefix("*")
        return bothRestricted ? (dom || dow) : (dom && dow)
    }

    /// All fire times in `(start, end]` (UTC seconds; the zone's offsets in whole minutes).
    func fires(after start: Int64, through end: Int64) -> [Int64] {
        fires(after: start, through: end, walk: LocalMinutes(zone: zone, from: start - 86_400 - 60, through: end))
    }

    /// The same over precomputed wall times (`walk` must cover a day before `start` through `end`).
    func fires(after start: Int64, through end: Int64, walk: LocalMinutes) -> [Int64] {
        var i = walk.index(of: (start - 86_400) / 60 * 60)
        var previousLocal = walk.local[i - 1]
        var latestSeen = Int64.min
        var result: [Int64] = []
        while i < walk.local.count, walk.utc(i) <= end {
            let local = walk.local[i]
            var fire = naiveMatch(walk.civil[i]) && (local > latestSeen || hourRunsInBoth)
            var skipped = previousLocal + 60
            while skipped < local {
                if naiveMatch(skipped) { fire = true }
                skipped += 60
            }
            if fire && walk.utc(i) > start { result.append(walk.utc(i)) }
            latestSeen = max(latestSeen, local)
            previousLocal = local
            i += 1
        }
        return result
    }
}

/// Every UTC minute of a range with its wall time in a zone, computed once and shared by many expressions.
struct LocalMinutes: Sendable {
    let first: Int64
    let local: [Int64]
    let civil: [CivilTime]

    init(zone: TimeZoneRules, from: Int64, through: Int64) {
        first = from / 60 * 60
        var local: [Int64] = []
        var u = first
        while u <= through {
            local.append(u + Int64(zone.offset(at: u)))
            u += 60
        }
        self.local = local
        civil = local.map { CivilTime(seconds: $0) }
    }

    func index(of utc: Int64) -> Int { Int((utc - first) / 60) }
    func utc(_ index: Int) -> Int64 { first + Int64(index) * 60 }
}

/// A seeded generator (SplitMix64) so that random expressions are the same in every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random valid cron expressions, biased towards the hours and days where clocks change.
enum RandomCron {
    static func expression(_ g: inout SeededGenerator) -> String {
        let minute = field(&g, 0...59, favourites: [0, 15, 30, 45, 59, 1], names: [])
        let hour = field(&g, 0...23, favourites: [0, 1, 2, 3, 23, 12], names: [])
        let dom = Int.random(in: 0..<10, using: &g) < 6 ? "*" : field(&g, 1...31, favourites: [1, 4, 5, 29, 31, 18], names: [])
        let month = Int.random(in: 0..<10, using: &g) < 7 ? "*"
            : field(&g, 1...12, favourites: [2, 3, 4, 9, 10, 11],
                    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"])
        let dow = Int.random(in: 0..<10, using: &g) < 6 ? "*"
            : field(&g, 0...7, favourites: [0, 7, 6, 1], names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])
        return "\(minute) \(hour) \(dom) \(month) \(dow)"
    }

    static func field(_ g: inout SeededGenerator, _ range: ClosedRange<Int>, favourites: [Int], names: [String])
        -> String {
        func value() -> Int {
            Int.random(in: 0..<3, using: &g) < 2 ? favourites.randomElement(using: &g)! : Int.random(in: range, using: &g)
        }
        func token(_ v: Int) -> String {
            let offset = range.lowerBound == 1 ? 1 : 0
            if !names.isEmpty, Bool.random(using: &g), v - offset < names.count {
                let name = names[v - offset]
                return Bool.random(using: &g) ? name : name.lowercased()
            }
            return String(v)
        }
        let span = range.upperBound - range.lowerBound + 1
        switch Int.random(in: 0..<8, using: &g) {
        case 0: return "*"
        case 1: return "*/\(Int.random(in: 1...max(1, span / 2), using: &g))"
        case 2: return token(value())
        case 3:
            let a = value(), b = value()
            return a == b ? token(a) : "\(token(a)),\(token(b))"
        case 4, 5:
            let a = value(), b = value()
            let (lo, hi) = (min(a, b), max(a, b))
            return case5(&g) ? "\(token(lo))-\(token(hi))/\(Int.random(in: 1...4, using: &g))" : "\(token(lo))-\(token(hi))"
        case 6: return "\(value())/\(Int.random(in: 1...max(1, span / 3), using: &g))"
        default:
            return (0..<Int.random(in: 2...4, using: &g)).map { _ in token(value()) }.joined(separator: ",")
        }
    }

    private static func case5(_ g: inout SeededGenerator) -> Bool { Int.random(in: 0..<3, using: &g) == 0 }
}
