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

/// Wall time and the process's CPU time (every thread: GRDB reads on its own queue): on a shared machine the CPU time
/// is the steadier figure.
struct Took {
    var wall: Double, cpu: Double
    var text: String { String(format: "%.1f ms (cpu %.1f ms)", wall * 1e3, cpu * 1e3) }
}

func cpuNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func measure(_ body: () throws -> Void) rethrows -> Took {
    let start = DispatchTime.now().uptimeNanoseconds, cpu = cpuNow()
    try body()
    return Took(wall: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu: cpuNow() - cpu)
}

func seconds(_ body: () throws -> Void) rethrows -> Double { try measure(body).wall }

/// The run with the median wall time.
func median(_ values: [Took]) -> Took { values.sorted { $0.wall < $1.wall }[values.count / 2] }

let holdOut = try HoldOut(fixtures: fixtures, work: work).run()
print("held out one at a time, \(holdOut.heldOut.count) addresses of \(fixtures)/contacts.csv: "
      + holdOut.heldOut.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
print(holdOut.baseline.line("reference, the domain's accounts' contacts by id"))
print(holdOut.cold.line("cold queue (nothing assigned yet)"))
print(holdOut.working.line("working the queue (each entry assigned to the right contact after it is ranked)"))

var world: (database: AppDatabase, facts: [CandidateFacts], contacts: [ContactCard], users: [EmailAddress])!
let built = try seconds { world = try ScaleWorld(work: work, entries: entries).build() }
print(String(format: "scale: %d contacts, %d open entries from %d addresses (built and replayed in %.1f s)",
             world.contacts.count, world.facts.count, Set(world.facts.map(\.address)).count, built))

var directory: CandidateDirectory!
let indexing = try measure { directory = CandidateDirectory(contacts: try world.database.contactCards(),
                                                            userAddresses: try world.database.userAddresses()) }
var ranked = 0, withCandidate = 0
let ranking = measure {
    for facts in world.facts {
        let candidates = CandidateRanker.rank(facts, in: directory, limit: 10)
        ranked += 1
        if !candidates.isEmpty { withCandidate += 1 }
    }
}
print("rank \(ranked) entries (\(withCandidate) with a candidate): \(ranking.text), "
      + String(format: "%.1f µs cpu an entry; reading and indexing the address book: ", ranking.cpu / Double(ranked) * 1e6)
      + indexing.text)

let service = ReviewCandidateService(database: world.database)
let people = try (0..<7).map { _ in try measure { _ = try service.unknownPeople(offset: 0, limit: 50) } }
let deep = try (0..<7).map { _ in try measure { _ = try service.unknownPeople(offset: 2_000, limit: 50) } }
print("unknownPeople, 50 rows of the grouped queue, median of 7: \(median(people).text) (first page), "
      + "\(median(deep).text) (offset 2,000)")
let ids = try world.database.exportUnmatched().filter { $0.status == "open" }.map(\.id)
let single = try stride(from: 0, to: ids.count, by: max(1, ids.count / 21)).map { index in
    try measure { _ = try service.candidates(forEntry: ids[index], limit: 10) }
}
print("candidates of one entry (GET /review/ID), median over \(single.count) entries: \(median(single).text)")
