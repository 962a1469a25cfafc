import CRMServiceApp
import Foundation
import Testing

@Suite("§6 Export") struct ReferenceExporterTests {
    let w: RatingWorld
    init() throws {
        w = try RatingWorld()
        try w.loadStandardRules()
        try w.load(.accounts, accountsCSV([("P", "Customer", "Active", ""), ("S", "Supplier", "Active", "P")]))
        try w.load(.contracts, contractsCSV([("C1", "S", "1500.50", "0.25", "EUR")]))
        try w.run()
    }

    func export(_ kind: ExportKind, _ format: ExportFormat) throws -> String {
        var bytes: [UInt8] = []
        try ReferenceExporter(database: w.database).export(kind, format: format) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("§6 export accounts objects carry id, type, status, parent_id, rating, modified_at in that order")
    func accountsJSONL() throws {
        let lines = try export(.accounts, .jsonl).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"id":"P","type":"Customer","status":"Active","parent_id":null,"rating":2,"modified_at":"2026-06-15T12:00:00Z"}"#)
        #expect(lines[1].hasPrefix(#"{"id":"S","type":"Supplier","status":"Active","parent_id":"P","rating":null,"#))
        for line in lines { _ = try JSONSerialization.jsonObject(with: Data(line.utf8)) }
    }

    @Test func contractsCSVRoundTripsExactDecimals() throws {
        let csv = try export(.contracts, .csv)
        #expect(csv == "id,account_id,item_value,service_value,currency,modified_at\r\nC1,S,1500.50,0.25,EUR,2026-01-01T00:00:00Z\r\n")
        #expect(try w.load(.contracts, csv).unchanged == 1)
    }

    @Test func jobRunsCarryStateCountsAndMessages() throws {
        let line = try #require(try export(.jobRuns, .jsonl).split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["job"] as? String == "rating")
        #expect(object["state"] as? String == "completed")
        #expect(object["examined"] as? Int == 2)
        #expect(object["changed"] as? Int == 1)
        #expect(object["messages"] as? [String] == [])
    }

    @Test func activitiesOfAnEmptyDatabaseAreNoLines() throws {
        // Capture (issue #3) exports activities; its own tests are in CaptureTests.
        #expect(try export(.activities, .jsonl) == "")
    }
}
