import Foundation
import Testing
import TestSupport

/// `db copy` between SQLite and a real PostgreSQL 15 (issue 14: "moves an installation over, verified by comparing
/// every export before and after"), on the throwaway cluster of `scripts/postgres`.
@Suite("issue 14 db copy to and from PostgreSQL",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct DbCopyPostgresTests {
    @Test("issue 14 SQLite → PostgreSQL → SQLite: every export equal at each step; the copy takes new ids after the copied ones; a used PostgreSQL target is refused untouched")
    func roundTrip() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        try Prerequisite.require(PostgreSQL.isAvailable, PostgreSQL.missing)
        let server = try PostgreSQL.start()
        defer { server.stop() }
        let w = try DbCopyWorld()
        let source = w.path("crm.sqlite")
        try w.populate(source)
        let passwordFile = try w.file("db-password", server.password + "\n")
        let url = server.url(database: try server.createDatabase(), sslMode: "prefer")

        let there = try w.run(["db", "copy", "--from", "sqlite:" + source, "--to", url, "--to-password-file", passwordFile])
        #expect(there.status == 0 && there.out.contains("every export is equal"), "\(there.out)\(there.err)")
        #expect(!there.out.contains("DIFFERENT") && !there.err.contains(server.password) && !there.out.contains(server.password))

        let back = w.path("back.sqlite")
        let returned = try w.run(["db", "copy", "--from", url, "--to", "sqlite:" + back],
                                 environment: ["CRMSERVICE_DATABASE_PASSWORD_FILE": passwordFile])
        #expect(returned.status == 0 && returned.out.contains("every export is equal"), "\(returned.out)\(returned.err)")
        let compared = try w.run(["db", "compare", "--from", "sqlite:" + source, "--to", "sqlite:" + back])
        #expect(compared.status == 0, "\(compared.out)")

        // The identity sequences moved past the copied ids: the next audit entry on PostgreSQL is numbered as the
        // next one on SQLite.
        let environment = ["CRMSERVICE_DATABASE_PASSWORD_FILE": passwordFile]
        for db in [source, url] {
            let granted = try w.run(["admin", "grant", "U2", "review", "--db", db], environment: environment)
            #expect(granted.status == 0, "\(granted.err)")
        }
        let lastIDs = try [source, url].map { db -> Int? in
            let line = try w.run(["export", "audit", "--db", db], environment: environment).out.split(separator: "\n").last
            let object = try line.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            return object?["id"] as? Int
        }
        #expect(lastIDs[0] != nil && lastIDs[0] == lastIDs[1], "\(lastIDs)")

        // The PostgreSQL database now holds an installation: a second copy into it is refused and changes nothing.
        let before = try w.run(["export", "audit", "--db", url], environment: environment).out
        let again = try w.run(["db", "copy", "--from", "sqlite:" + back, "--to", url], environment: environment)
        #expect(again.status == 2 && again.err.contains("--to: ") && again.err.contains("wrote nothing"), "\(again.err)")
        #expect(try w.run(["export", "audit", "--db", url], environment: environment).out == before)
    }
}
