import CRMCore
import CRMServiceApp
import Foundation
import Matching
import Store

// The review queue's candidate ranking (§8, issue 10): how often the right contact comes first where the answer is
// knowable (Fixtures/capture with held-out addresses, `HoldOut`), and what ranking costs at the scale
// (`ScaleWorld`: 10,000 contacts, 20,000 open entries). Usage: RankBenchmark [--fixtures DIR] [--entries N]

var fixtures = "Fixtures/capture"
var entries = 20_000
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--fixtures": fixtures = arguments.next() ?? fixtures
    case "--entries": entries = Int(arguments.next() ?? "") ?? entries
    default: FileHandle.standardError.write(Data("RankBenchmark: unknown argument \(argument)\n".utf8)); exit(2)
    }
}

let work = FileManager.default.temporaryDirectory.appendingPathComponent("rank-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let holdOut = try HoldOut(fixtures: fixtures, work: work).run()
print("held out one at a time, \(holdOut.heldOut.count) addresses of \(fixtures)/contacts.csv: "
      + holdOut.heldOut.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
print(holdOut.cold.line("cold queue (nothing assigned yet)"))
print(holdOut.working.line("working the queue (each entry assigned to the right contact after it is ranked)"))

var world: (database: AppDatabase, facts: [CandidateFacts], contacts: [ContactCard], users: [EmailAddress])!
let built = try seconds { world = try ScaleWorld(work: work, entries: entries).build() }
print(String(format: "scale: %d contacts, %d open entries from %d addresses (built and replayed in %.1f s)",
             world.contacts.count, world.facts.count, Set(world.facts.map(\.address)).count, built))

var directory: CandidateDirectory!
let indexing = try seconds { directory = CandidateDirectory(contacts: try world.database.contactCards(),
                                                            userAddresses: try world.database.userAddresses()) }
var ranked = 0, withCandidate = 0
let ranking = seconds {
    for facts in world.facts {
        let candidates = CandidateRanker.rank(facts, in: directory, limit: 10)
        ranked += 1
        if !candidates.isEmpty { withCandidate += 1 }
    }
}
print(String(format: "rank %d entries: %.3f s (%.1f µs an entry; %d with a candidate), after reading and indexing the address book in %.3f s",
             ranked, ranking, ranking / Double(ranked) * 1e6, withCandidate, indexing))

let service = ReviewCandidateService(database: world.database)
let people = try (0..<7).map { _ in try seconds { _ = try service.unknownPeople(offset: 0, limit: 50) } }
let deep = try (0..<7).map { _ in try seconds { _ = try service.unknownPeople(offset: 2_000, limit: 50) } }
print(String(format: "unknownPeople, 50 rows of the grouped queue: median %.1f ms (first page), %.1f ms (offset 2,000)",
             median(people) * 1e3, median(deep) * 1e3))
let ids = try world.database.exportUnmatched().filter { $0.status == "open" }.map(\.id)
let single = try stride(from: 0, to: ids.count, by: max(1, ids.count / 21)).map { index in
    try seconds { _ = try service.candidates(forEntry: ids[index], limit: 10) }
}
print(String(format: "candidates of one entry (GET /review/ID): median %.1f ms over %d entries",
             median(single) * 1e3, single.count))
