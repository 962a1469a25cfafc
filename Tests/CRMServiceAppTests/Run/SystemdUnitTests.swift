import Foundation
import Testing
import TestSupport

/// `systemd/crmservice.service` passes `systemd-analyze verify` (through `systemd/verify-unit`, which runs it offline
/// against a throw-away root); without systemd-analyze (Debian's `systemd`, which scripts/setup installs) skipped
/// locally, a failure under CI.
@Suite("systemd unit")
struct SystemdUnitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardizedFileURL
    static let analyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("systemd-analyze verify accepts the unit, without a single warning",
          .enabled(if: Prerequisite.met(analyzer != nil), "needs systemd-analyze (Debian package systemd)"))
    func verify() throws {
        try Prerequisite.require(Self.analyzer != nil, "systemd-analyze (Debian package systemd)")
        let process = Process()
        process.executableURL = Self.repository.appendingPathComponent("systemd/verify-unit")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test("the unit is hardened and restarts on failure")
    func hardening() throws {
        let unit = try String(contentsOf: Self.repository.appendingPathComponent("systemd/crmservice.service"), encoding: .utf8)
        let lines = Set(unit.split(separator: "\n").map(String.init))
        for line in ["NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=crmservice", "User=crmservice",
                     "Restart=on-failure",
                     "ExecStart=/usr/local/bin/crmservice run --config /etc/crmservice/crmservice.yaml"] {
            #expect(lines.contains(line), "missing: \(line)")
        }
    }
}
