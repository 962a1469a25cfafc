import Foundation
import Testing

/// The executable's exit statuses (§1) for `jobs`; skipped when the debug binary is not built.
@Suite("§1 jobs command line", .enabled(if: FileManager.default.isExecutableFile(atPath: CommandLine.binary)))
struct JobsCommandLineTests {
    let directory: URL
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobscli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    var db: String { directory.appendingPathComponent("cli.sqlite").path }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.binary)
        process.arguments = arguments + ["--db", db]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test("§1 exit 0 on success, 2 on bad input naming the field, 1 when the work failed")
    func statuses() throws {
        let ran = try run(["jobs", "run", "log-truncate"])
        #expect(ran.status == 0 && ran.out.hasPrefix("log-truncate run 1 completed"))
        let day = try run(["jobs", "runs", "--day", "2026-13-01"])
        #expect(day.status == 2 && day.err.contains(#"--day: "2026-13-01" is not a date"#))
        #expect(try run(["jobs", "stop", "x"]).status == 2)
        let done = try run(["jobs", "stop", "1"])
        #expect(done.status == 1 && done.err.contains("run 1 is completed, not running"))
        #expect(try run(["jobs", "run", "nope"]).status == 2)
        #expect(try run(["jobs", "standby"]).status == 0)
        #expect(try run(["jobs", "list"]).out.hasPrefix("scheduler: standby"))
        #expect(try run(["jobs", "run", "rating"]).status == 1)
        #expect(try run(["jobs", "resume"]).status == 0)
        #expect(try run(["jobs", "run", "rating"]).status == 0)
    }
}
