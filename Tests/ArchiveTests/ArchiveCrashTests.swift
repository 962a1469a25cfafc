import Foundation
import TestSupport
import Testing

/// §10 crash safety: the built `crmservice` is killed with SIGKILL at seeded random moments of `archive run`,
/// `archive delete` and `archive restore`; what is left must be exactly the state before or the state after.
@Suite("§10 kill -9 during archive run, delete and restore",
       .enabled(if: Prerequisite.met(FileManager.default.isExecutableFile(atPath: BuiltBinary.path)),
                "needs the built crmservice"))
struct ArchiveCrashTests {
    static var binary: String { BuiltBinary.path }

    /// The state a test compares: the exports that archiving changes.
    static func state(_ db: String) throws -> String {
        var text = ""
        for kind in ["activities", "unmatched", "archives", "job-runs"] {
            let ran = try Spawn.run([binary, "export", kind, "--db", db])
            guard ran.status == 0 else { throw CrashTestFailure(message: "export \(kind): \(ran.err)") }
            // The archives' own record is compared without its timestamps of creation (the killed run's differ).
            text += kind + "\n" + ran.out
        }
        return text
    }

    struct CrashTestFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Runs the binary to its end; returns how long it took (µs), so that the kills can fall within such a run.
    @discardableResult
    func ok(_ arguments: [String]) throws -> UInt64 {
        let start = DispatchTime.now().uptimeNanoseconds
        let ran = try Spawn.run([Self.binary] + arguments)
        guard ran.status == 0 else { throw CrashTestFailure(message: "\(arguments.joined(separator: " ")): \(ran.err)") }
        return (DispatchTime.now().uptimeNanoseconds - start) / 1000
    }

    func copy(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    @Test("§10 kill -9 at seeded random moments leaves the state before or after archive run, delete and restore, never half")
    func killed() throws {
        try Prerequisite.require(FileManager.default.isExecutableFile(atPath: Self.binary), "the built crmservice")
        let seed = TestSeed.value("ArchiveCrashTests.killed", default: 1012)
        var random = SeededRandom(seed)
        // A database of generated messages, built by the binary and closed (no WAL left), as a template.
        let world = try ArchiveWorld(replay: false)
        try world.replayGenerated(count: 200, bodyBytes: 30_000, seed: seed)
        let dir = world.directory.path
        let template = dir + "/template.sqlite"
        try ok(["export", "activities", "--db", world.path]) // opened and closed once by the binary
        try copy(world.path, template)
        let password = dir + "/password"
        FileManager.default.createFile(atPath: password, contents: Data((ArchiveWorld.password + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
        let run = ["archive", "run", "--months", "12", "--as-of", "2999-01-01", "--as", "u1"]
        let protected = ["--as", "u1", "--password-file", password]
        // The three states: before the run, after it (archive 1 available), after delete, after restore.
        let archived = dir + "/archived.sqlite", deleted = dir + "/deleted.sqlite", restored = dir + "/restored.sqlite"
        try copy(template, archived)
        let runTime = try ok(run + ["--db", archived])
        try copy(archived, deleted)
        let deleteTime = try ok(["archive", "delete", "1", "--db", deleted] + protected)
        try copy(archived, restored)
        let restoreTime = try ok(["archive", "restore", "1", "--db", restored] + protected)
        let states = try [template, archived, deleted, restored].map(Self.state)
        let scrub = { (text: String) in text.replacingOccurrences(of: #""created_at":"[^"]*""#, with: "",
                                                                 options: .regularExpression) }
        let cases: [(String, String, [String], Int, Int, UInt64)] = [
            ("run", template, run, 0, 1, runTime),
            ("delete", archived, ["archive", "delete", "1"] + protected, 1, 2, deleteTime),
            ("restore", archived, ["archive", "restore", "1"] + protected, 1, 3, restoreTime),
        ]
        for (name, start, arguments, before, after, duration) in cases {
            var seen: Set<String> = []
            for trial in 0..<6 {
                let db = dir + "/trial-\(name)-\(trial).sqlite"
                try copy(start, db)
                // Anywhere from the start to a little past the end of an uninterrupted run of the same command.
                let delay = useconds_t(random.next() % (duration + duration / 5 + 1))
                let pid = try Spawn.start([Self.binary] + arguments + ["--db", db], stdout: db + ".out", stderr: db + ".err")
                usleep(delay)
                kill(pid, SIGKILL)
                let ended = Spawn.wait(pid)
                let state = scrub(try Self.state(db))
                let which = state == scrub(states[before]) ? "before" : state == scrub(states[after]) ? "after" : "half"
                print("archive \(name) trial \(trial): killed after \(delay / 1000) ms (\(ended)): \(which)")
                #expect(which != "half", "archive \(name) killed after \(delay / 1000) ms left neither before nor after")
                seen.insert(which)
            }
            print("archive \(name): \(seen.sorted())")
        }
    }
}

/// The debug build of `crmservice` beside the package (the test targets do not depend on the executable).
enum BuiltBinary {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/crmservice")
            .standardizedFileURL.path
    }
}
