import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Testing

@Suite("§6 Incremental rating") struct IncrementalRatingTests {
    let w: RatingWorld
    init() throws {
        w = try RatingWorld()
        try w.loadStandardRules()
    }

    @Test("§6 a contract written since the last run counts whatever its own modified_at says") func oldModifiedAt() throws {
        try w.load(.accounts, accountsCSV([("P", "Customer", "Active", ""), ("A", "Customer", "Active", "P")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5", "0", "EUR")]))
        try w.run()
        try w.load(.contracts, contractsCSV([("C2", "A", "50000", "0", "EUR")], modifiedAt: "1999-01-01"))
        let outcome = try w.run()
        #expect(outcome.full == false)
        #expect(outcome.examined == 2) // A and its ancestor P
        #expect(try w.rating("A") == 1)
        #expect(try w.rating("P") == 1)
    }

    @Test("§6 a parent change recomputes the old and the new ancestors") func parentChange() throws {
        try w.load(.accounts, accountsCSV([("O", "Customer", "Active", ""), ("N", "Customer", "Active", ""),
                                           ("M", "Customer", "Active", "O"), ("S", "Supplier", "Active", "M")]))
        try w.load(.contracts, contractsCSV([("C1", "S", "5000", "0", "EUR"), ("C2", "O", "1", "0", "EUR"),
                                             ("C3", "N", "1", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("O") == 2)
        try w.load(.accounts, accountsCSV([("M", "Customer", "Active", "N")]))
        let outcome = try w.run()
        #expect(try w.rating("O") == 3)
        #expect(try w.rating("N") == 2)
        #expect(outcome.changed == 2)
    }

    @Test("§6 a type or status change recomputes the account") func typeAndStatus() throws {
        try w.load(.accounts, accountsCSV([("A", "Prospect", "Active", ""), ("B", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5", "0", "EUR"), ("C2", "B", "5", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == nil)
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Exit", "")]))
        try w.run()
        #expect(try w.rating("A") == 3)
        #expect(try w.rating("B") == nil)
    }

    @Test("§6 a rule change recomputes its account type") func ruleChange() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("R", "Reseller", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5", "0", "EUR"), ("C2", "R", "5", "0", "EUR")]))
        try w.run()
        try w.load(.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,7,0,10,EUR\n")
        let outcome = try w.run()
        #expect(outcome.examined == 1)
        #expect(try w.rating("A") == 7)
        #expect(try w.rating("R") == 3)
    }

    @Test("§6 an unchanged re-import changes nothing to rate") func unchangedReimport() throws {
        let accounts = accountsCSV([("A", "Customer", "Active", "")])
        let contracts = contractsCSV([("C1", "A", "5", "0", "EUR")])
        try w.load(.accounts, accounts)
        try w.load(.contracts, contracts)
        try w.run()
        #expect(try w.load(.accounts, accounts) == ImportSummary(unchanged: 1))
        #expect(try w.load(.contracts, contracts) == ImportSummary(unchanged: 1))
        #expect(try w.run().examined == 0)
    }

    @Test("§6 a contract moved to another account recomputes both") func contractMoved() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", ""), ("B", "Customer", "Active", "")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5000", "0", "EUR"), ("C2", "B", "1", "0", "EUR")]))
        try w.run()
        try w.load(.contracts, contractsCSV([("C1", "B", "5000", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == nil)
        #expect(try w.rating("B") == 2)
    }

    @Test("§6 breaking a cycle rates its accounts again") func cycleBroken() throws {
        try w.load(.accounts, accountsCSV([("A", "Customer", "Active", "B"), ("B", "Customer", "Active", "A")]))
        try w.load(.contracts, contractsCSV([("C1", "A", "5", "0", "EUR")]))
        try w.run()
        #expect(try w.rating("A") == nil)
        try w.load(.accounts, accountsCSV([("B", "Customer", "Active", "")]))
        try w.run()
        #expect(try w.rating("A") == 3)
        #expect(try w.rating("B") == 3)
    }

    /// Seeded random worlds and random changes: one database rated incrementally, a twin rated with --full.
    @Test("§6 incremental equals full after random changes", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func incrementalEqualsFull(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let full = try RatingWorld()
        let worlds = [w, full]
        let rules = """
            account_type,rating,amount_from,amount_to,currency
            Customer,1,5000,999999999,EUR
            Customer,2,1000,4999,EUR
            Customer,3,0,999,EUR
            Reseller,1,3000,999999999,CHF
            Reseller,4,0,2999,CHF
            """
        for world in worlds { try world.load(.ratingRules, rules) }
        let types = ["Customer", "Customer", "Reseller", "Supplier", "Prospect"]
        let statuses = ["Active", "Active", "Active", "Exit"]
        let currencies = ["EUR", "EUR", "USD", "CHF", "JPY"]
        let n = 40
        func randomAccount(_ i: Int, parentLimit: Int) -> (String, String, String, String) {
            let parent = parentLimit > 0 && rng.next() % 3 != 0 ? "A\(rng.next() % UInt64(parentLimit))" : ""
            return ("A\(i)", types[Int(rng.next() % 5)], statuses[Int(rng.next() % 4)], parent)
        }
        func randomContract(_ id: Int) -> (String, String, String, String, String) {
            ("C\(id)", "A\(rng.next() % UInt64(n))", "\(rng.next() % 3000).\(rng.next() % 100)",
             "\(rng.next() % 500).5", currencies[Int(rng.next() % 5)])
        }
        let accounts = accountsCSV((0..<n).map { randomAccount($0, parentLimit: $0) })
        let contracts = contractsCSV((0..<80).map { randomContract($0) })
        let rates = """
            from_currency,to_currency,rate,valid_from
            USD,EUR,0.9,2026-01-01
            CHF,EUR,1.05,2026-01-01
            EUR,CHF,0.95,2026-01-01
            USD,CHF,0.85,2026-06-16
            """
        for world in worlds {
            try world.load(.accounts, accounts)
            try world.load(.contracts, contracts)
            try world.load(.exchangeRates, rates)
        }
        try w.run()
        try full.run(full: true)
        #expect(try w.ratings() == full.ratings())
        var nextContract = 80
        for round in 0..<12 {
            var changes: [(ImportKind, String)] = []
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                switch rng.next() % 6 {
                case 0, 1:
                    let count = 1 + Int(rng.next() % 5)
                    var byID: [String: (String, String, String, String, String)] = [:]
                    for _ in 0..<count {
                        let id: Int
                        if rng.next() % 2 == 0 { id = Int(rng.next() % UInt64(nextContract)) } else { nextContract += 1; id = nextContract }
                        let contract = randomContract(id)
                        byID[contract.0] = contract
                    }
                    changes.append((.contracts, contractsCSV(byID.keys.sorted().map { byID[$0]! })))
                case 2:
                    // Any parent, cycles included.
                    let i = Int(rng.next() % UInt64(n))
                    changes.append((.accounts, accountsCSV([randomAccount(i, parentLimit: n)])))
                case 3:
                    let i = Int(rng.next() % UInt64(n))
                    changes.append((.accounts, accountsCSV([randomAccount(i, parentLimit: i)])))
                case 4:
                    let from = rng.next() % 4000
                    changes.append((.ratingRules, """
                        account_type,rating,amount_from,amount_to,currency
                        Customer,\(1 + rng.next() % 7),\(from),\(from + rng.next() % 5000),EUR
                        Customer,5,0,\(max(from, 1) - 1),EUR
                        """))
                default:
                    changes.append((.exchangeRates, """
                        from_currency,to_currency,rate,valid_from
                        USD,EUR,0.\(1 + rng.next() % 98),2026-06-\(10 + rng.next() % 10)
                        JPY,CHF,0.00\(1 + rng.next() % 9),2026-0\(1 + rng.next() % 9)-01
                        """))
                }
            }
            let advanceDay = rng.next() % 4 == 0
            for world in worlds {
                if advanceDay { world.now = world.now.addingTimeInterval(86_400) }
                for (kind, csv) in changes { try world.load(kind, csv) }
            }
            let incremental = try w.run()
            try full.run(full: true)
            #expect(incremental.full == false)
            #expect(try w.ratings() == full.ratings(), "seed \(seed) round \(round)")
            #expect(try full.ratings() == RatingOracle.ratings(full.database, day: Day(utc: full.now)), "seed \(seed) round \(round)")
            // And --full on the incrementally rated database finds nothing to write.
            if round % 4 == 3 { #expect(try w.run(full: true).changed == 0, "seed \(seed) round \(round)") }
        }
    }
}

/// A small seeded generator (SplitMix64), so a failing seed can be replayed.
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
