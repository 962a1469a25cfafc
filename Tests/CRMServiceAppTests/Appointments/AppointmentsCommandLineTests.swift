import CRMCore
import CRMServiceApp
import Foundation
import Testing
import TestSupport

/// `crmservice appointments …`, `import appointments` and `export appointments` through the built binary (§9, §1).
@Suite("§9 appointments command line",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct AppointmentsCommandLineTests {
    let w: RatingWorld
    var db: String { w.directory.appendingPathComponent("crm.sqlite").path }

    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try RatingWorld()
        try w.load(.accounts, "id,name,type,status,parent_id,currency\nACME,Acme,Customer,Active,,EUR\n")
        try w.load(.users, "id,name,email\nanna,Anna,anna@ourcompany.example\n")
        try w.load(.contacts, "id,account_id,name,email\nC1,ACME,Jane,jane@acme.example\n")
    }

    func crm(_ arguments: String...) throws -> Spawn.Ran {
        try Spawn.run([CommandLine.binary] + arguments + ["--db", db])
    }

    func exported() throws -> [[String: Any]] {
        let ran = try crm("export", "appointments")
        #expect(ran.status == 0, "\(ran.err)")
        return try ran.out.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("§9 appointments add prints the new id; export appointments gives the §9 object, times with their offset")
    func addAndExport() throws {
        let added = try crm("appointments", "add", "--owner", "anna", "--title", "Review", "--start",
                            "2026-03-02T09:00", "--end", "2026-03-02T10:30", "--tz", "Europe/Berlin",
                            "--location", "Room 1", "--attendee", "Jane@ACME.example", "--rrule", "FREQ=WEEKLY;COUNT=3",
                            "--as", "script")
        #expect(added.status == 0, "\(added.err)")
        let id = added.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!id.isEmpty)
        let day = try crm("appointments", "add", "--owner", "anna", "--title", "Fair", "--start", "2026-04-01",
                          "--end", "2026-04-03", "--all-day")
        #expect(day.status == 0, "\(day.err)")
        let objects = try exported()
        #expect(objects.count == 2)
        let review = try #require(objects.first)
        #expect(Array(review.keys).sorted() == AppointmentExporter.columns.sorted())
        #expect(review["id"] as? String == id && review["owner"] as? String == "anna")
        #expect(review["start"] as? String == "2026-03-02T09:00:00+01:00")
        #expect(review["end"] as? String == "2026-03-02T10:30:00+01:00")
        #expect(review["all_day"] as? Bool == false && review["time_zone"] as? String == "Europe/Berlin")
        #expect(review["attendees"] as? [String] == ["jane@acme.example"])
        #expect(review["contacts"] as? [String] == ["C1"] && review["accounts"] as? [String] == ["ACME"])
        #expect(review["rrule"] as? String == "FREQ=WEEKLY;COUNT=3" && review["exdates"] as? [String] == [])
        #expect(review["status"] as? String == "confirmed" && review["description"] is NSNull)
        let fair = objects[1]
        #expect(fair["start"] as? String == "2026-04-01" && fair["end"] as? String == "2026-04-03")
        #expect(fair["all_day"] as? Bool == true && fair["time_zone"] is NSNull)
        // The JSON line keeps the contract's field order.
        let line = try crm("export", "appointments").out.split(separator: "\n")[0]
        #expect(line.hasPrefix(#"{"id":"\#(id)","uid":"#))
        let csv = try crm("export", "appointments", "--format", "csv")
        #expect(csv.out.hasPrefix(AppointmentExporter.columns.joined(separator: ",") + "\r\n"))
        let audit = try crm("export", "audit").out
        #expect(audit.contains(#""actor":"script","origin":"cli","action":"appointment add","target":"appointment \#(id)""#))
    }

    @Test("§9 update ID changes the options given and keeps the rest; delete ID removes it; list --owner")
    func updateDeleteList() throws {
        let id = try crm("appointments", "add", "--owner", "anna", "--title", "Call", "--start", "2026-05-04T08:00:00Z",
                         "--end", "2026-05-04T08:30:00Z").out.trimmingCharacters(in: .whitespacesAndNewlines)
        let updated = try crm("appointments", "update", id, "--title", "Call (moved)", "--attendee", "jane@acme.example")
        #expect(updated.status == 0, "\(updated.err)")
        let listed = try crm("appointments", "list", "--owner", "anna")
        #expect(listed.out == "\(id)\tanna\t2026-05-04T08:00:00Z\t2026-05-04T08:30:00Z\tCall (moved)\n")
        #expect(try crm("appointments", "list", "--owner", "nobody").out.isEmpty)
        #expect(try exported().first?["contacts"] as? [String] == ["C1"])
        #expect(try crm("appointments", "delete", id).status == 0)
        #expect(try crm("appointments", "list").out.isEmpty)
        let again = try crm("appointments", "delete", id)
        #expect(again.status == 2 && again.err.contains(id))
    }

    @Test("§1 bad input is exit 2 naming the option, and nothing is written",
          arguments: [
            (["--owner", "zed"], "--owner"), (["--start", "2026-13-01T10:00"], "--start"),
            (["--end", "2026-03-02T08:00"], "--end"), (["--tz", "Mars/Olympus"], "--tz"),
            (["--attendee", "not-an-address"], "--attendee"), (["--rrule", "WEEKLY"], "--rrule"),
          ])
    func badInput(change: [String], option: String) throws {
        var options = ["--owner": "anna", "--title": "T", "--start": "2026-03-02T09:00", "--end": "2026-03-02T10:00"]
        var extra: [String] = []
        for pair in stride(from: 0, to: change.count, by: 2) {
            if options[change[pair]] != nil { options[change[pair]] = change[pair + 1] } else { extra += [change[pair], change[pair + 1]] }
        }
        let arguments = ["appointments", "add"] + options.flatMap { [$0.key, $0.value] } + extra + ["--db", db]
        let ran = try Spawn.run([CommandLine.binary] + arguments)
        #expect(ran.status == 2)
        #expect(ran.err.contains(option), "\(ran.err)")
        #expect(try crm("appointments", "list").out.isEmpty)
    }

    @Test("§9 §3 import appointments upserts by id; a bad file is rejected with every bad row by line and field")
    func importAppointments() throws {
        let header = "id,owner,title,start,end,all_day,time_zone,location,description,attendees\n"
        let good = w.directory.appendingPathComponent("appointments.csv")
        try (header + """
            AP1,anna,Kick-off,2026-06-01T10:00,2026-06-01T11:00,false,America/New_York,HQ,"First, then more",jane@acme.example; anna@ourcompany.example
            AP2,anna,Off-site,2026-06-10,2026-06-12,true,,,,

            """).write(to: good, atomically: true, encoding: .utf8)
        let first = try crm("import", "appointments", good.path)
        #expect(first.status == 0 && first.out.hasSuffix(": 2 inserted, 0 updated, 0 unchanged\n"), "\(first.err)")
        let again = try crm("import", "appointments", good.path)
        #expect(again.out.hasSuffix(": 0 inserted, 0 updated, 2 unchanged\n"))
        let objects = try exported()
        #expect(objects.map { $0["id"] as? String } == ["AP1", "AP2"])
        #expect(objects[0]["start"] as? String == "2026-06-01T10:00:00-04:00")
        #expect(objects[0]["users"] as? [String] == ["anna"] && objects[0]["accounts"] as? [String] == ["ACME"])
        #expect(objects[0]["description"] as? String == "First, then more")
        let bad = w.directory.appendingPathComponent("bad.csv")
        try (header + """
            AP1,anna,Kick-off (moved),2026-06-02T10:00,2026-06-02T11:00,false,America/New_York,HQ,,
            AP3,zed,T,2026-06-01T10:00,2026-06-01T11:00,false,,,,
            AP4,anna,T,2026-06-01T10:00,2026-06-01T09:00,false,,,,
            AP5,anna,T,2026-06-01,2026-06-02,maybe,,,,
            AP6,anna,T,2026-06-01T10:00,2026-06-01T11:00,false,Nowhere/Town,,,x@

            """).write(to: bad, atomically: true, encoding: .utf8)
        let rejected = try crm("import", "appointments", bad.path)
        #expect(rejected.status == 2)
        for (line, field) in [(3, "owner"), (4, "end"), (5, "all_day"), (6, "time_zone")] {
            #expect(rejected.err.contains("bad.csv line \(line), field \(field)"), "\(rejected.err)")
        }
        #expect(try exported().first?["title"] as? String == "Kick-off", "nothing of the rejected file written")
    }
}
