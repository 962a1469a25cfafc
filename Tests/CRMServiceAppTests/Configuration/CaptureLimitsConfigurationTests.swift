import CRMServiceApp
import Foundation
import Testing

/// `capture.max_message_bytes` (§12): read from the file, refused unless a positive whole number.
@Suite("§12 capture.max_message_bytes")
struct CaptureLimitsConfigurationTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    @Test("§12 capture.max_message_bytes is read from the configuration; without it the limit is 64 MiB")
    func read() throws {
        let set = try w.file("set.yaml", "capture: {max_message_bytes: 20000}\n")
        #expect(try ServiceConfiguration(contentsOf: set, environment: [:]).capture.maxMessageBytes == 20_000)
        let unset = try w.file("unset.yaml", "capture: {capture_addresses: [crm@example.com]}\n")
        #expect(try ServiceConfiguration(contentsOf: unset, environment: [:]).capture.maxMessageBytes == 67_108_864)
        #expect(try ServiceConfiguration(contentsOf: set, environment: ["CAPTURE_MAX_MESSAGE_BYTES": "30000"])
            .capture.maxMessageBytes == 30_000)
    }

    @Test("§12 capture.max_message_bytes that is not a positive whole number is refused, naming the key",
          arguments: ["0", "-5", "big", "1.5", "64MiB"])
    func refused(value: String) throws {
        let path = try w.file("bad.yaml", "capture: {max_message_bytes: \(value)}\n")
        do {
            _ = try ServiceConfiguration(contentsOf: path, environment: [:])
            Issue.record("\(value) was accepted")
        } catch {
            #expect(error.description.contains("\(path): capture.max_message_bytes: "), "\(error.description)")
        }
    }
}

/// The same on the executable: exit 2 naming the key or option; `replay --config` applies the key.
@Suite("§12 --max-message-bytes and capture.max_message_bytes on the command line",
       .enabled(if: FileManager.default.isExecutableFile(atPath: CommandLine.binary)))
struct CaptureLimitsCommandLineTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test("§12 a bad capture.max_message_bytes: exit 2 naming the file and the key")
    func badKey() throws {
        let config = try w.file("bad.yaml", "database: {path: crm.sqlite}\ncapture: {max_message_bytes: 0}\n")
        let result = try run(["replay", ConfigurationWorld.fixtures + "/globex.eml", "--config", config])
        #expect(result.status == 2)
        #expect(result.err.contains("\(config): capture.max_message_bytes: 0 is out of range"), "\(result.err)")
    }

    @Test("§12 --max-message-bytes that is not a positive whole number: exit 2 naming the option",
          arguments: [["replay"], ["poll", "--url", "imaps://127.0.0.1/INBOX", "--user", "u", "--password-file", "/nonexistent"]])
    func badOption(command: [String]) throws {
        for value in ["0", "-1", "lots"] {
            let result = try run(command + ["--db", w.path("x.sqlite"), "--max-message-bytes", value]
                                 + (command == ["replay"] ? [ConfigurationWorld.fixtures + "/globex.eml"] : []))
            #expect(result.status == 2, "\(value): \(result)")
            #expect(result.err.contains("max-message-bytes"), "\(value): \(result.err)")
        }
    }

    @Test("§12 replay --config applies capture.max_message_bytes; --max-message-bytes wins over it")
    func replayUsesTheKey() throws {
        let config = try w.file("crm.yaml", "database: {path: crm.sqlite}\ncapture: {max_message_bytes: 100}\n")
        let small = try run(["replay", ConfigurationWorld.fixtures + "/globex.eml", "--config", config])
        #expect(small.status == 0 && small.out.contains("too_large 1"), "\(small)")
        let other = try w.file("other.yaml", "database: {path: other.sqlite}\ncapture: {max_message_bytes: 100}\n")
        let wide = try run(["replay", ConfigurationWorld.fixtures + "/globex.eml", "--config", other,
                            "--max-message-bytes", "10000000"])
        #expect(wide.status == 0 && !wide.out.contains("too_large"), "\(wide)")
    }
}
