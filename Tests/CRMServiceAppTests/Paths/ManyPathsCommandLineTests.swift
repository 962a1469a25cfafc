import Foundation
import TestSupport
import Testing

/// §12 on the built binary: `parse` and `replay` read every path given, as arguments (20,000 of them) or one a line
/// from `--files-from FILE|-`; bad usage is exit 2.
@Suite("§12 parse and replay take any number of paths",
       .enabled(if: Prerequisite.met(FileManager.default.isExecutableFile(atPath: CommandLine.binary)), "needs .build/debug/crmservice"))
struct ManyPathsCommandLineTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    /// `count` distinct one-line messages `m/00000.eml`…, each with its number in its Message-ID.
    func messages(_ count: Int, prefix: String = "m") throws -> [String] {
        try FileManager.default.createDirectory(atPath: w.path(prefix), withIntermediateDirectories: true)
        return try (0..<count).map { i in
            let path = w.path(String(format: "%@/%05d.eml", prefix, i))
            try Data("From: a@example.net\r\nMessage-ID: <\(i)@test>\r\n\r\nhi\r\n".utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// Runs the binary with `arguments` (standard input from `stdin`, else empty; in `directory`, else the tests'
    /// own); output through files, so neither side blocks on a full pipe.
    func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws
        -> (status: Int32, out: String, err: String) {
        try Prerequisite.require(FileManager.default.isExecutableFile(atPath: CommandLine.binary), CommandLine.binary)
        let out = w.path("out-\(UUID().uuidString)"), err = w.path("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = stdin.flatMap(FileHandle.init(forReadingAtPath:)) ?? FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: out, encoding: .utf8),
                try String(contentsOfFile: err, encoding: .utf8))
    }

    /// The `file` and `message_id` of each JSON line, in order.
    func parsed(_ output: String) throws -> [(file: String, id: String)] {
        try output.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (try #require(object["file"] as? String), try #require(object["message_id"] as? String))
        }
    }

    func expectEveryFileRead(_ output: String, _ paths: [String]) throws {
        let seen = try parsed(output)
        #expect(seen.count == paths.count)
        #expect(seen.map(\.file) == paths)
        #expect(seen.map(\.id) == paths.map { "\(Int(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent)!)@test" })
    }

    @Test("parse: 20,000 path arguments, --json between them, every file read in order")
    func parseManyArguments() throws {
        let paths = try messages(20_000)
        let result = try run(["parse"] + paths[..<10_000] + ["--json"] + paths[10_000...])
        #expect(result.status == 0, "\(result.err)")
        try expectEveryFileRead(result.out, paths)
    }

    @Test("parse --files-from FILE and --files-from - (standard input): the arguments, then every listed file")
    func parseFilesFrom() throws {
        let paths = try messages(20_000)
        let list = try w.file("list", paths[1...].joined(separator: "\n") + "\n")
        let fromFile = try run(["parse", "--json", "--files-from", list, paths[0]])
        #expect(fromFile.status == 0, "\(fromFile.err)")
        try expectEveryFileRead(fromFile.out, paths)
        let fromStdin = try run(["parse", "--files-from", "-", "--json", paths[0]], stdin: list)
        #expect(fromStdin.status == 0, "\(fromStdin.err)")
        try expectEveryFileRead(fromStdin.out, paths)
    }

    @Test("parse -- -name.eml: after --, a path that starts with - is a file")
    func dashPath() throws {
        let path = try w.file("-dash.eml", "From: a@example.net\r\nMessage-ID: <7@test>\r\n\r\nhi\r\n")
        let result = try run(["parse", "--json", "--", "-dash.eml", path], in: w.directory)
        #expect(result.status == 0, "\(result.err)")
        #expect(try parsed(result.out).map(\.file) == ["-dash.eml", path])
    }

    @Test("replay: 2,000 path arguments and 2,000 more from --files-from -, every message captured once")
    func replayManyPaths() throws {
        let paths = try messages(4_000)
        let list = try w.file("list", paths[2_000...].joined(separator: "\n") + "\n")
        let db = w.path("crm.sqlite")
        let result = try run(["replay", "--db", db] + paths[..<1_000] + ["--files-from", "-", "--mailbox-name", "many"]
                             + paths[1_000..<2_000], stdin: list)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("4000 messages"), "\(result.out)")
        let again = try run(["replay", "--db", db, "--mailbox-name", "many", "--files-from", list])
        #expect(again.out.contains("2000 messages") && again.out.contains("2000 duplicates"), "\(again.out)")
    }

    @Test("bad usage is exit 2 with a message: no path, an unreadable --files-from, an unknown option, a missing value")
    func badUsage() throws {
        let path = try messages(1)[0]
        let none = try run(["parse", "--json"])
        #expect(none.status == 2 && none.err.contains("give one or more paths, or --files-from"), "\(none.err)")
        let noList = try run(["replay", "--db", w.path("x.sqlite"), "--files-from", w.path("missing")])
        #expect(noList.status == 2 && noList.err.contains("cannot read --files-from"), "\(noList.err)")
        let unknown = try run(["parse", path, "--bogus"])
        #expect(unknown.status == 2 && unknown.err.contains("--bogus"), "\(unknown.err)")
        let missing = try run(["replay", path, "--db"])
        #expect(missing.status == 2 && missing.err.contains("--db"), "\(missing.err)")
        let help = try run(["parse", path, "--help"])
        #expect(help.status == 0 && help.out.contains("--files-from"), "\(help.out)")
    }
}
