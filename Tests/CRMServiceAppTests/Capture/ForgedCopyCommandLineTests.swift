import Foundation
import TestSupport
import Testing

/// Issue 9's attack on the command line: `crmservice replay` of a captured message, then of a forged copy (same
/// Message-ID, another subject, a `Cc:` on a never-capture domain of the configuration), into a real database file.
@Suite("§12 forged copies on the command line",
       .enabled(if: Prerequisite.met(FileManager.default.isExecutableFile(atPath: CommandLine.binary)), "needs the built crmservice"))
struct ForgedCopyCommandLineTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try Prerequisite.require(FileManager.default.isExecutableFile(atPath: CommandLine.binary), "the built crmservice")
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

    static let original = """
        Message-ID: <quote-7@acme.example.net>\r
        Date: 12 Oct 2026 09:27:00 +0000\r
        From: Cathy Acme <cathy@acme.example.net>\r
        To: alice@example.com\r
        Subject: Quote 7\r
        \r
        The quote.\r

        """

    static let forged = """
        Message-ID: <quote-7@acme.example.net>\r
        Date: 1 Jan 2020 00:00:00 +0000\r
        From: Cathy Acme <cathy@acme.example.net>\r
        To: alice@example.com\r
        Cc: someone@private.example\r
        Subject: Nothing to see\r
        \r
        gone\r

        """

    @Test("§12 a later copy never deletes or rewrites what was stored: issue 9's attack through crmservice replay")
    func attack() throws {
        let config = try w.file("crm.yaml", """
            database:
              path: crm.sqlite
            capture:
              never_capture:
                domains: [private.example]

            """)
        for kind in ["accounts", "users", "contacts"] {
            let csv = ConfigurationWorld.repositoryFixtures + "/capture/\(kind).csv"
            #expect(try run(["import", kind, csv, "--config", config]).status == 0)
        }
        let first = try run(["replay", try w.file("1.eml", Self.original), "--config", config])
        #expect(first.status == 0 && first.out.contains("1 activities"), "\(first)")
        let second = try run(["replay", try w.file("2.eml", Self.forged), "--config", config])
        #expect(second.status == 0 && second.out.contains("1 duplicates"), "\(second)")
        let third = try run(["replay", try w.file("3.eml", "Delivered-To: carol@example.com\r\n" + Self.original),
                             "--config", config])
        #expect(third.status == 0 && third.out.contains("1 duplicates"), "\(third)")

        let export = try run(["export", "activities", "--config", config])
        let lines = export.out.split(separator: "\n")
        try #require(lines.count == 1, "\(export)")
        let activity = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(activity["subject"] as? String == "Quote 7")
        #expect(activity["date"] as? String == "2026-10-12T09:27:00Z")
        #expect(activity["users"] as? [String] == ["u1", "u3"])
        #expect(activity["flags"] as? [String] == ["privacy_review"])
        #expect((activity["sources"] as? [[String: String]])?.count == 3)
        #expect(try run(["export", "unmatched", "--config", config]).out.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: w.path("crm.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

extension ConfigurationWorld {
    /// `Fixtures` of this repository.
    static let repositoryFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Fixtures").standardizedFileURL.path
}
