import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Testing
import TestSupport

/// §11 the scheduled job `digest`, run as `jobs run digest --config FILE` runs it, recorded in the run log (§7).
@Suite(.serialized) struct DigestJobTests {
    func runJob(_ world: DigestWorld) async throws -> (report: JobRunner.Report, summary: String) {
        let configuration = try ServiceConfiguration(contentsOf: world.configFile)
        let console = JobsConsole(database: world.database, jobs: configuration.jobs)
        let registered = DigestSending.jobs(configuration: configuration, file: world.configFile, database: world.database)
        return try await console.run("digest", registering: registered)
    }

    @Test("§11 the job digest sends and records a completed run with one line per user",
          .enabled(if: Prerequisite.met(SMTPServer.isAvailable)))
    func completed() async throws {
        try Prerequisite.require(SMTPServer.isAvailable, SMTPServer.missing)
        let server = try SMTPServer(refusing: ["carol@example.com"])
        let world = try DigestWorld(server: server)
        let ran = try await runJob(world)
        #expect(ran.report.state == .completed)
        #expect(ran.report.outcome.examined == 3 && ran.report.outcome.changed == 2)
        #expect(ran.report.outcome.messages.contains("sent digest to user u1: 5 entries"))
        #expect(ran.report.outcome.messages.contains { $0.hasPrefix("digest to user u3 refused by the server") })
        #expect(!ran.summary.contains("@"), "the run log names users by id, never by address")
        #expect(try server.received().count == 2)
    }

    @Test("§11 the job digest fails when the connection fails, and records nothing",
          .enabled(if: Prerequisite.met(SMTPServer.isAvailable)))
    func failed() async throws {
        try Prerequisite.require(SMTPServer.isAvailable, SMTPServer.missing)
        let plain = try SMTPServer(startTLS: false)
        let world = try DigestWorld(server: plain)
        let ran = try await runJob(world)
        #expect(ran.report.state == .failed)
        #expect(ran.report.outcome.messages.last?.contains("STARTTLS") == true)
        #expect(try world.database.digestRecipients().allSatisfy { $0.lastDigest == nil })
    }

    @Test("§11 without a digest section the job is not registered")
    func notRegistered() throws {
        let world = try DigestWorld(server: nil)
        let configuration = try ServiceConfiguration(contentsOf: world.configFile)
        #expect(DigestSending.jobs(configuration: configuration, file: world.configFile, database: world.database).isEmpty)
        #expect(configuration.jobs.digest.enabled == false)
    }
}
