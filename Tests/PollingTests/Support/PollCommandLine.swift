import Foundation

/// Runs the debug `crmservice` built beside the tests (`swift build --build-tests`).
enum PollCommandLine {
    static var binary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../.build/debug/crmservice").standardizedFileURL.path
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// Runs `crmservice ARGUMENTS` to its end; standard output and error as text.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorData = HandOff()
        let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let e = errorData.wait()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Starts `crmservice ARGUMENTS` with its output going to files in `directory`; the caller ends it.
    static func start(_ arguments: [String], logs directory: URL, name: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("\(name).out").path, contents: nil)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("\(name).err").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: directory.appendingPathComponent("\(name).out"))
        process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("\(name).err"))
        try process.run()
        return process
    }
}

/// Data handed from one thread to another once.
final class HandOff: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    func set(_ value: Data) { data = value; done.signal() }
    func wait() -> Data { done.wait(); return data }
}
