import Foundation
import TestSupport
import Glibc
import Testing

/// `crmservice run --config FILE [--once]` as a subprocess (issue #4); skipped when the debug binary is not built.
@Suite("§1 run command line", .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct RunCommandLineTests {
    let world: ConfigurationWorld
    init() throws { world = try ConfigurationWorld() }

    /// A configuration with no mailboxes, the admin server on `port`, and (unless nil) a password file of `mode`.
    func configuration(port: Int, passwordMode: Int? = 0o600) throws -> String {
        var admin = "admin:\n  port: \(port)\n"
        if let passwordMode {
            try world.file("admin.password", "s3cret-admin\n", mode: passwordMode)
            admin += "  password_file: admin.password\n"
        }
        return try world.file("crmservice.yaml", "database:\n  path: run.sqlite\n" + admin)
    }

    func launch(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Waits for the process to end, for `seconds` worth of 50 ms naps; kills it and fails the test when it does not.
    /// Counted in naps, not wall time: tests that block threads of the cooperative pool (2 on this machine) can starve
    /// this task for a minute, and a wall-clock deadline would then expire before the loop ever looked again.
    func waitForExit(_ process: Process, seconds: Double) async throws -> Int32 {
        var naps = Int(seconds * 20)
        while process.isRunning && naps > 0 {
            try await Task.sleep(for: .milliseconds(50))
            naps -= 1
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            Issue.record("crmservice run did not exit within \(seconds) s")
        }
        return process.terminationStatus
    }

    func run(_ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
        let (process, out, err) = try launch(arguments)
        let status = try await waitForExit(process, seconds: 60)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        return (status, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The first answer of `/healthz` while the process runs, trying 600 times 100 ms apart (counted in tries, not wall
    /// time, for the reason `waitForExit` gives).
    func firstHealth(port: Int, process: Process) async -> PlainHTTPClient.Reply? {
        for _ in 0..<600 where process.isRunning {
            if let reply = try? await PlainHTTPClient.get(port: port, path: "/healthz") { return reply }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test("the admin server answers /healthz on the configured port; SIGTERM ends the service with status 0")
    func healthzThenSigterm() async throws {
        let port = try FreePort.find()
        let config = try configuration(port: port)
        let (process, _, err) = try launch(["run", "--config", config])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let answered = try #require(await firstHealth(port: port, process: process), "no answer on /healthz")
        #expect(answered.status == 200)
        #expect(answered.body == #"{"status":"ok"}"# + "\n")
        let detailed = try await PlainHTTPClient.get(port: port, path: "/healthz", user: "admin", password: "s3cret-admin")
        // Issue 14: after the instance's first heartbeat the detail starts with `"instance":{…}`; no mailbox, no lease.
        #expect(detailed.body.hasSuffix(#""leases":{},"mailboxes":{},"status":"ok"}"# + "\n"))
        #expect(try await PlainHTTPClient.get(port: port, path: "/metrics").status == 401)

        process.terminate() // SIGTERM
        let status = try await waitForExit(process, seconds: 30)
        #expect(status == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("http://127.0.0.1:\(port)/"))
        #expect(!log.contains("s3cret-admin"))
    }

    @Test("SIGINT ends the service with status 0 too")
    func sigint() async throws {
        let port = try FreePort.find()
        let (process, _, _) = try launch(["run", "--config", try configuration(port: port)])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(await firstHealth(port: port, process: process) != nil)
        kill(process.processIdentifier, SIGINT)
        #expect(try await waitForExit(process, seconds: 30) == 0)
    }

    @Test("no admin.password_file: exit 2 naming the file and the key")
    func missingPasswordFile() async throws {
        let config = try configuration(port: 8025, passwordMode: nil)
        let ran = try await run(["run", "--config", config])
        #expect(ran.status == 2)
        #expect(ran.err.contains("\(config): admin.password_file: is required"))
    }

    @Test("a password file readable by group or others: exit 2 naming the key and the file, nothing started")
    func passwordFileTooOpen() async throws {
        let config = try configuration(port: 8025, passwordMode: 0o644)
        let ran = try await run(["run", "--config", config])
        #expect(ran.status == 2)
        #expect(ran.err.contains("admin.password_file: secret file"))
        #expect(ran.err.contains("admin.password is accessible by group or others (mode 644)"))
        #expect(!ran.err.contains("s3cret-admin"))
    }

    @Test("a bad configuration: exit 2 naming the file and the key")
    func badConfiguration() async throws {
        let config = try world.file("crmservice.yaml", "admin:\n  port: 70000\n  password_file: x\n")
        let ran = try await run(["run", "--config", config])
        #expect(ran.status == 2)
        #expect(ran.err.contains("\(config): admin.port"))
    }

    @Test("--once: runs the due jobs (none in a fresh database) and exits 0")
    func once() async throws {
        let ran = try await run(["run", "--config", try configuration(port: try FreePort.find()), "--once"])
        #expect(ran.status == 0, "\(ran.err)")
        #expect(ran.out == "")
    }
}

/// A port nobody listens on now: bind 127.0.0.1:0, read the port, close.
enum FreePort {
    struct Failure: Error {}

    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
