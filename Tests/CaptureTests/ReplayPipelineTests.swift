import CRMCore
import Foundation
import GRDB
import Testing
@testable import Capture
@testable import Store

/// Replay prepares the next batch on other threads while the current one is written (`ReplayBatchReader`): what is
/// stored, its order and the summary are those of reading and writing one batch after the other.
@Suite struct ReplayPipelineTests {
    let db: FreshDatabase
    init() throws { db = try FreshDatabase() }

    @Test("batches of 3 on 2 workers: messages stored in input order across an mbox and files, summary complete")
    func inputOrder() throws {
        var paths = try (0..<20).map { try db.file(String(format: "a/m%02d.eml", $0), "Subject: \($0)\r\nMessage-ID: <f\($0)@t>\r\n\r\nbody \($0)\r\n") }
        let mbox = (0..<7).map { "From x@y Mon Oct  5 10:00:00 2026\nSubject: mbox \($0)\nMessage-ID: <b\($0)@t>\n\nbody\n\n" }.joined()
        paths.insert(try db.file("b.mbox", mbox), at: 10)
        var reports: [(Int, Int64, Int64)] = []
        let summary = try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook()), batchSize: 3,
                                   workers: 2).replay(paths) { reports.append(($0, $1, $2)) }
        #expect(summary.messages == 27 && summary.unreadable.isEmpty)
        let stored = try db.database.writer.read { try String.fetchAll($0, sql: "SELECT message_id FROM messages ORDER BY id") }
        let expected = (0..<10).map { "f\($0)@t" } + (0..<7).map { "b\($0)@t" } + (10..<20).map { "f\($0)@t" }
        #expect(stored == expected)
        // Progress after every batch of 3: counts and bytes only grow, and end at the whole input.
        #expect(reports.map(\.0) == Array(stride(from: 3, through: 27, by: 3)))
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        #expect(reports.last.map { $0.1 == $0.2 } == true)
    }

    @Test("an input that cannot be expanded fails the replay before anything is written")
    func missingPath() throws {
        let good = try db.file("m.eml", "Subject: x\r\n\r\nbody\r\n")
        #expect(throws: ReplayError.self) {
            try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook()), batchSize: 1)
                .replay([good, db.directory.appendingPathComponent("missing.eml").path])
        }
        #expect(try db.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") } == 0)
    }
}
