import Capture
import CRMCore
import CRMServiceApp
import Foundation
import Testing

@Suite("§10 archive run and restore")
struct ArchiveRoundTripTests {
    @Test("§10 archive run + archive restore: export activities and export unmatched equal those before, byte for byte")
    func restoreGivesBackEverything() throws {
        let w = try ArchiveWorld()
        try w.dismissOpenEntries()
        let activities = try w.export(.activities), unmatched = try w.export(.unmatched)
        let record = try w.archiveEverything()
        #expect(record.activities > 0 && record.unmatched > 0 && record.state == .available)
        #expect(try w.export(.activities) != activities)
        let left = try w.objects(.unmatched)
        #expect(left.count == String(decoding: unmatched, as: UTF8.self).split(separator: "\n").count - record.unmatched)
        #expect(left.allSatisfy { $0["date"] is NSNull }) // undated entries are never older than a cutoff
        _ = try w.service.restore(record.id, credentials: w.credentials())
        #expect(try w.export(.activities) == activities)
        #expect(try w.export(.unmatched) == unmatched)
        #expect(try w.service.list().map(\.state) == [.restored])
    }

    @Test("§10 an archived activity stays in export activities as its stub with \"archived\": ID; the archive's record is exported")
    func stubs() throws {
        let w = try ArchiveWorld()
        let live = try w.objects(.activities)
        let record = try w.archiveEverything()
        let stubs = try w.objects(.activities)
        #expect(stubs.count == live.count)
        #expect(stubs.filter { $0["archived"] != nil }.count == record.activities)
        for (stub, before) in zip(stubs, live) where !(before["date"] is NSNull) {
            #expect(Set(stub.keys) == ["id", "message_id", "direction", "date", "subject", "contacts", "accounts",
                                       "users", "orders", "archived"])
            #expect(stub["archived"] as? Int == Int(record.id.rawValue))
            for key in ["id", "message_id", "direction", "contacts", "accounts", "users", "orders"] {
                #expect("\(stub[key] ?? "nil")" == "\(before[key] ?? "nil")")
            }
        }
        let exported = try w.objects(.archives)
        #expect(exported.count == 1)
        #expect(Set(exported[0].keys) == ["id", "created_at", "created_by", "cutoff", "activities", "unmatched",
                                           "job_runs", "bytes", "sha256", "state"])
        #expect(exported[0]["sha256"] as? String == record.sha256 && exported[0]["state"] as? String == "available")
    }

    @Test("§10 a new copy of an archived message is still a duplicate, and the archive's records do not change")
    func duplicatesStillRecognised() throws {
        let w = try ArchiveWorld()
        _ = try w.archiveEverything()
        let activities = try w.export(.activities), unmatched = try w.export(.unmatched)
        let again = try ReplayService(database: w.database).replay(ArchiveWorld.inputs, mailbox: "fixtures", batchSize: 64)
        #expect(again.activities == 0 && again.duplicates > 0)
        #expect(try w.export(.activities) == activities)
        #expect(try w.export(.unmatched) == unmatched)
    }

    @Test("§10 unmatched assign, dismiss and reprocess of an archived entry are refused, naming the archive")
    func archivedEntriesCannotChange() throws {
        let w = try ArchiveWorld()
        try w.dismissOpenEntries()
        let entry = try #require(try ReviewService(database: w.database).list(openOnly: false).first?.id)
        let record = try w.archiveEverything()
        let review = ReviewService(database: w.database)
        let actions: [() throws -> Void] = [
            { try review.assign(entry, contact: ContactID("c1"), actor: "test") },
            { try review.dismiss(entry, why: "again", actor: "test") },
            { _ = try review.reprocess([entry], actor: "test") },
        ]
        for action in actions {
            let error = #expect(throws: ReviewError.self) { try action() }
            #expect(error?.description.contains("archive \(record.id)") == true)
        }
    }

    @Test("§10 the cutoff: N months before the as-of day, the day kept (or the month's last); N < 12 is refused")
    func cutoff() throws {
        #expect(ISO8601.utcString(ArchiveService.cutoff(months: 24, asOf: Day(rawValue: "2026-12-04")!)) == "2024-12-04T00:00:00Z")
        #expect(ISO8601.utcString(ArchiveService.cutoff(months: 12, asOf: Day(rawValue: "2024-02-29")!)) == "2023-02-28T00:00:00Z")
        #expect(ISO8601.utcString(ArchiveService.cutoff(months: 13, asOf: Day(rawValue: "2026-01-31")!)) == "2024-12-31T00:00:00Z")
        let w = try ArchiveWorld(replay: false)
        #expect(throws: ArchiveInputError.self) { try w.service.run(months: 11, asOf: Day(rawValue: "2026-01-01")!, actor: "t") }
    }
}
