import Foundation
import TestSupport

/// Runs the debug `crmservice` built beside the tests (`swift build --build-tests`).
enum PollCommandLine {
    static var binary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../.build/debug/crmservice").standardizedFileURL.path
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// Runs `crmservice ARGUMENTS` to its end; its exit status (128 + N when signal N ended it) and output.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([binary] + arguments)
        switch ran.termination {
        case .exited(let status): return (status, ran.out, ran.err)
        case .signalled(let signal): return (128 + signal, ran.out, ran.err)
        }
    }

    /// Starts `crmservice ARGUMENTS` with its output going to `NAME.out` and `NAME.err` in `directory`; returns its pid
    /// (end it with `Spawn.wait`).
    static func start(_ arguments: [String], logs directory: URL, name: String) throws -> pid_t {
        try Spawn.start([binary] + arguments, stdout: directory.appendingPathComponent("\(name).out").path,
                        stderr: directory.appendingPathComponent("\(name).err").path)
    }
}
