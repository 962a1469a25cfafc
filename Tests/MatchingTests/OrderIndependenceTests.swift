import CRMCore
import MailMIME
import Testing
@testable import Matching

/// SplitMix64: a small seeded generator, so a failing seed can be replayed.
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

@Suite("§4.7 The outcome of a set of messages never depends on the order in which they arrive")
struct OrderIndependenceTests {
    typealias F = Fixture
    static let people = [
        "anna@company.example", "bob@company.example", "carl@acme.example", "dora@globex.example",
        "info@shared.example", "stranger@elsewhere.example", "crm@company.example",
    ]
    static let orderPool: [Int64] = [100, 200, 300, 400, 500, 999]

    /// A set of messages in threads: replies name earlier (and sometimes later or missing) ids, some have orders,
    /// some have no Message-ID, some arrive twice (byte for byte).
    static func messages(seed: UInt64) -> [(ParsedMessage, [UInt8])] {
        var rng = SeededGenerator(state: seed)
        let count = Int.random(in: 6...14, using: &rng)
        var result: [(ParsedMessage, [UInt8])] = []
        for index in 0..<count {
            let isReply = index > 0 && Double.random(in: 0..<1, using: &rng) < 0.75
            var parents: [String] = []
            if isReply {
                parents.append("m\(Int.random(in: 0..<index, using: &rng))@t")
                if Bool.random(using: &rng) { parents.insert("m\(Int.random(in: 0..<count + 2, using: &rng))@t", at: 0) }
            }
            let orders: [Int64] = Double.random(in: 0..<1, using: &rng) < 0.35
                ? [orderPool.randomElement(using: &rng)!] : []
            let hasID = Double.random(in: 0..<1, using: &rng) < 0.9
            let from = Bool.random(using: &rng) ? people[Int.random(in: 0...1, using: &rng)] : people[Int.random(in: 2...5, using: &rng)]
            let to = (0..<Int.random(in: 1...3, using: &rng)).map { _ in people.randomElement(using: &rng)! }
            let message = F.mail(
                id: hasID ? "m\(index)@t" : nil, from: [from], to: to, orders: orders,
                inReplyTo: parents.suffix(1), references: Array(parents.dropLast())
            )
            let bytes = Array("message \(index) of \(seed)".utf8)
            result.append((message, bytes))
            if Double.random(in: 0..<1, using: &rng) < 0.15 { result.append((message, bytes)) }
        }
        return result
    }

    static func run(_ messages: [(ParsedMessage, [UInt8])]) -> CaptureSimulator {
        var simulator = CaptureSimulator(book: F.book)
        for (message, bytes) in messages { simulator.capture(message, bytes: bytes) }
        return simulator
    }

    @Test("§4.7 random permutations of a message set give identical activities, links and inherited orders",
          arguments: 1...40)
    func permutations(seed: Int) {
        let set = Self.messages(seed: UInt64(seed))
        let reference = Self.run(set)
        var rng = SeededGenerator(state: UInt64(seed) &* 7919)
        for _ in 0..<12 {
            let shuffled = Self.run(set.shuffled(using: &rng))
            #expect(shuffled.activities == reference.activities)
            #expect(shuffled.unmatched == reference.unmatched)
            #expect(shuffled.ignored == reference.ignored)
            #expect(shuffled.duplicates == reference.duplicates)
        }
        // Reversed arrival: every reply before the message it answers.
        #expect(Self.run(set.reversed()).activities == reference.activities)
    }

    @Test("§4.7 the generated sets do exercise inheritance")
    func generatorIsMeaningful() {
        let inherited = (1...40).map { Self.run(Self.messages(seed: UInt64($0))) }
            .flatMap(\.activities.values).filter { $0.inheritedFrom != nil }
        #expect(inherited.count >= 10)
    }

    @Test("§4.7 a reply captured before its parent ends as if captured after it")
    func replyFirstMatchesParentFirst() {
        let parent = F.mail(id: "p@t", from: ["carl@acme.example"], to: ["anna@company.example"], orders: [100])
        let reply = F.mail(id: "r@t", from: ["anna@company.example"], to: ["carl@acme.example"], inReplyTo: ["p@t"])
        let grandReply = F.mail(id: "g@t", from: ["carl@acme.example"], to: ["anna@company.example"],
                                inReplyTo: ["r@t"], references: ["p@t", "r@t"])
        let parentFirst = Self.run([(parent, []), (reply, []), (grandReply, [])])
        let parentLast = Self.run([(grandReply, []), (reply, []), (parent, [])])
        #expect(parentFirst.activities == parentLast.activities)
        #expect(parentLast.activities[.messageID("g@t")]?.orders == [OrderNumber(100)])
    }
}
