import CRMServiceApp
import Foundation
import Testing
import TestSupport

/// `crmservice import template KIND` (§1) prints what `ImportTemplate` renders, and the file it prints imports.
@Suite("§1 import template command line",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct ImportTemplateCommandLineTests {
    let w: RatingWorld
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try RatingWorld()
    }

    @Test("§1 import template KIND prints the template; the printed files import in template order")
    func templatesPrintAndImport() throws {
        let db = w.directory.appendingPathComponent("cli.sqlite").path
        for kind in ImportKind.templateOrder {
            let printed = try Spawn.run([CommandLine.binary, "import", "template", kind.rawValue])
            #expect(printed.status == 0)
            #expect(printed.out == ImportTemplate(kind).text)
            let file = w.directory.appendingPathComponent("\(kind.rawValue).csv")
            try printed.out.write(to: file, atomically: true, encoding: .utf8)
            let imported = try Spawn.run([CommandLine.binary, "import", kind.rawValue, file.path, "--db", db])
            #expect(imported.status == 0, "\(kind): \(imported.err)")
            #expect(imported.out.hasSuffix(": 1 inserted, 0 updated, 0 unchanged\n"))
        }
    }

    @Test("§1 import template of an unknown kind is bad usage; appointments (§9) is a kind with a template")
    func unknownKindIsBadUsage() throws {
        let ran = try Spawn.run([CommandLine.binary, "import", "template", "calendars"])
        #expect(ran.status == 2)
        let help = try Spawn.run([CommandLine.binary, "import", "template", "--help"])
        #expect(!help.out.contains("no importer yet"))
        let appointments = try Spawn.run([CommandLine.binary, "import", "template", "appointments"])
        #expect(appointments.status == 0)
        #expect(appointments.out.hasPrefix(
            "id,owner,title,start,end,all_day,time_zone,location,description,attendees\n"))
    }

    @Test("§1 a rejected import lists every bad row on standard error, exit 2")
    func aRejectedImportListsEveryRow() throws {
        let db = w.directory.appendingPathComponent("cli.sqlite").path
        let file = w.directory.appendingPathComponent("users.csv")
        try "id,name,email\nu1,A,bad\nu2,B,b@x.example\nu3,C,\n".write(to: file, atomically: true, encoding: .utf8)
        let ran = try Spawn.run([CommandLine.binary, "import", "users", file.path, "--db", db])
        #expect(ran.status == 2)
        #expect(ran.err.contains("users.csv line 2, field email"))
        #expect(ran.err.contains("users.csv line 4, field email"))
    }
}
