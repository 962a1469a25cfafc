import Foundation
import TestSupport
import Testing
import TestSupport

/// The executable's exit statuses (§1) for the rating's commands; without the debug binary skipped locally, a failure under CI.
@Suite("§1 rating command line",
        .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct RatingCommandLineTests {
    let w: RatingWorld
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try RatingWorld()
    }
    var db: String { w.directory.appendingPathComponent("cli.sqlite").path }

    func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([CommandLine.binary] + arguments)
        return (ran.status, ran.out, ran.err)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = w.directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func importRunExportAndValidateExitStatuses() throws {
        let accounts = try file("accounts.csv", accountsCSV([("A", "Customer", "Active", "")]))
        let contracts = try file("contracts.csv", contractsCSV([("C1", "A", "50", "0", "EUR")]))
        let bad = try file("bad.csv", contractsCSV([("C1", "A", "\"5,0\"", "0", "EUR")]))
        let rules = try file("rules.csv", "account_type,rating,amount_from,amount_to,currency\nCustomer,2,0,200,EUR\nCustomer,1,150,300,EUR\n")
        #expect(try run(["import", "accounts", accounts, "--db", db]).status == 0)
        #expect(try run(["import", "contracts", contracts, "--db", db]).status == 0)
        let rejected = try run(["import", "contracts", bad, "--db", db])
        #expect(rejected.status == 2)
        #expect(rejected.err.contains("bad.csv line 2, field item_value"))
        #expect(try run(["import", "nonsense", bad, "--db", db]).status == 2)
        #expect(try run(["import", "rating-rules", rules, "--db", db]).status == 0)
        let run1 = try run(["rating", "run", "--db", db])
        #expect(run1.status == 0)
        #expect(run1.out.contains("1 accounts examined, 1 ratings changed"))
        #expect(try run(["export", "accounts", "--db", db]).out.contains(#""rating":2"#))
        let validate = try run(["rating", "validate", "--db", db])
        #expect(validate.status == 1)
        #expect(validate.out.contains("suggest 201–300"))
        #expect(try run(["rating", "validate", "--repair", "--db", db]).status == 1)
        #expect(try run(["rating", "validate", "--db", db]).status == 0)
        #expect(try run(["export", "job-runs", "--db", db, "--format", "csv"]).out.hasPrefix("id,job,started_at"))
    }
}

extension CommandLine {
    /// The debug build of `crmservice` beside the package.
    static var binary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../.build/debug/crmservice")
            .standardizedFileURL.path
    }

    /// Whether `swift build` has made it (the test targets do not depend on the executable).
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary) }
}
