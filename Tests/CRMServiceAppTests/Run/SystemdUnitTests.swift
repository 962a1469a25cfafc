import Foundation
import TestSupport
import Testing

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
        let ran = try Spawn.run([Self.repository.appendingPathComponent("systemd/verify-unit").path])
        #expect(ran.termination == .exited(0), "\(ran.out)\(ran.err)")
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
