import Foundation
import TestSupport
import Testing
import TestSupport

/// `--db` and `--config` on the executable (§1); without the debug binary skipped locally, a failure under CI.
@Suite("§1 --db PATH or --config FILE",
        .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct DatabaseOptionsCommandLineTests {
    let w: ConfigurationWorld
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try ConfigurationWorld()
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([CommandLine.binary] + arguments,
                                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        return (ran.status, ran.out, ran.err)
    }

    @Test("the database comes from the configuration (relative to its directory); --db wins over it")
    func dbWins() throws {
        let config = try w.file("etc/crm.yaml", "database: {path: from-config.sqlite}\n")
        #expect(try run(["export", "accounts", "--config", config]).status == 0)
        #expect(FileManager.default.fileExists(atPath: w.path("etc/from-config.sqlite")))
        let db = w.path("from-flag.sqlite")
        #expect(try run(["rating", "run", "--config", config, "--db", db]).status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        let env = w.path("from-env.sqlite")
        #expect(try run(["unmatched", "list", "--config", config], environment: ["DATABASE_PATH": env]).status == 0)
        #expect(FileManager.default.fileExists(atPath: env))
    }

    @Test("neither --db nor --config: exit 2")
    func neither() throws {
        for arguments in [["export", "accounts"], ["import", "accounts", "x.csv"], ["unmatched", "list"], ["rating", "validate"]] {
            let result = try run(arguments)
            #expect(result.status == 2 && result.err.contains("give --db PATH or --config FILE"), "\(arguments)")
        }
    }

    @Test("a bad configuration: exit 2 naming the file and the key, even with --db")
    func badConfiguration() throws {
        let config = try w.file("bad.yaml", "mailboxes: {corporate: {url: \"imaps://h/INBOX\", user: u, password_file: /p, after: archive}}\n")
        let result = try run(["export", "accounts", "--config", config, "--db", w.path("x.sqlite")])
        #expect(result.status == 2)
        #expect(result.err.contains("\(config): mailboxes.corporate.after: \"archive\" is not seen, none or move:FOLDER"))
    }

    @Test("§4.9 replay --config: a never-capture domain of the file ends ignored excluded")
    func replayExcluded() throws {
        let config = try w.file("crm.yaml", "database: {path: crm.sqlite}\ncapture: {never_capture: {domains: [globex.example.org]}}\n")
        let result = try run(["replay", ConfigurationWorld.fixtures + "/globex.eml", "--config", config])
        #expect(result.status == 0 && result.out.contains("ignored (excluded 1)"), "\(result)")
    }

    @Test("§4.9 unmatched reprocess --config: an entry from a never-capture domain becomes ignored excluded")
    func reprocessExcluded() throws {
        let db = w.path("crm.sqlite")
        let replayed = try run(["replay", ConfigurationWorld.fixtures + "/globex.eml", "--db", db])
        #expect(replayed.status == 0 && !replayed.out.contains("excluded"), "\(replayed)")
        let config = try w.file("crm.yaml", "database: {path: crm.sqlite}\ncapture: {never_capture: {domains: [globex.example.org]}}\n")
        let result = try run(["unmatched", "reprocess", "--config", config])
        #expect(result.status == 0 && result.out.contains("\tignored excluded"), "\(result)")
    }
}
