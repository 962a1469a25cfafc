import Foundation
import Testing
import TestSupport

/// §8 on the command line: `unmatched show` with its ranked candidates, `unmatched people`, `unmatched reject`.
@Suite("§8 review candidates on the command line",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct UnmatchedCandidatesCommandLineTests {
    let w: CandidateWorld
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try CandidateWorld()
    }

    func run(_ arguments: [String]) throws -> Spawn.Ran {
        try Spawn.run([CommandLine.binary, "unmatched"] + arguments + ["--db", w.dbPath])
    }

    @Test("§8 unmatched show lists the candidates with their reasons; people groups; reject removes the suggestion")
    func showPeopleReject() throws {
        try w.mail(from: "Gina Globex <gina@home.example>", subject: "Quote")
        let entry = try #require(try w.openEntries(from: "gina@home.example").first)
        let gina = "c4 Gina Globex (account A2 Globex): same name as the sender's display name"

        let show = try run(["show", String(entry)])
        #expect(show.status == 0, "\(show.err)")
        #expect(show.out.contains("subject: Quote"))
        #expect(show.out.contains("candidates:\n  1. \(gina)\n"), "\(show.out)")

        let people = try run(["people"])
        #expect(people.status == 0, "\(people.err)")
        #expect(people.out == "gina@home.example\t1\t2026-10-01T10:00:00Z\tGina Globex\tQuote\t\(gina)\n")

        let reject = try run(["reject", "gina@home.example", "--contact", "c4", "--as", "ann"])
        #expect(reject.status == 0, "\(reject.err)")
        #expect(try run(["show", String(entry)]).out.hasSuffix("candidates: none\n"))
        #expect(try run(["people"]).out.hasSuffix("\tQuote\t-\n"))
        #expect(try w.database.auditLog().last?.actor == "ann")

        #expect(try run(["reject", "not-an-address", "--contact", "c4"]).status == 2)
        let unknown = try run(["reject", "gina@home.example", "--contact", "c99"])
        #expect(unknown.status == 2 && unknown.err.contains("no contact c99"))
    }
}
