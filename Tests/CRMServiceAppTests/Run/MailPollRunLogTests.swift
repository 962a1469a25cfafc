import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import Logging
import Store
import Synchronization
import Testing

/// §7 "every run is recorded": the mail-poll job's runs come from what the pollers report.
@Suite struct MailPollRunLogTests {
    final class Forwarded: PollObserver {
        let calls = Mutex<[String]>([])
        func captured(mailbox: String, outcome: PolledOutcome) { calls.withLock { $0.append("captured \(mailbox) \(outcome)") } }
        func pollSucceeded(mailbox: String, at time: Date, duration: Duration) { calls.withLock { $0.append("ok \(mailbox)") } }
        func pollFailed(mailbox: String, at time: Date, kind: PollErrorKind, message: String) {
            calls.withLock { $0.append("failed \(mailbox) \(kind)") }
        }
    }

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailpollrunlog-\(UUID().uuidString)")
    let database: AppDatabase
    let forwarded = Forwarded()
    let recorder: MailPollRunLog

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        recorder = MailPollRunLog(passingTo: forwarded, log: database, logger: Logger(label: "test"))
    }

    let end = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aPollThatCapturedIsOneCompletedRunNamingTheMailboxAndCounts() throws {
        recorder.captured(mailbox: "corporate", outcome: .activity)
        recorder.captured(mailbox: "corporate", outcome: .activity)
        recorder.captured(mailbox: "bcc", outcome: .duplicate)
        recorder.captured(mailbox: "corporate", outcome: .unmatched)
        recorder.pollSucceeded(mailbox: "corporate", at: end, duration: .seconds(3))
        recorder.flush()

        let runs = try database.jobRuns()
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run.job == "mail-poll")
        #expect(run.state == .completed)
        #expect(run.startedAt == end.addingTimeInterval(-3))
        #expect(run.endedAt == end)
        #expect(run.examined == 3)
        #expect(run.changed == 3)
        #expect(run.messages == ["corporate: 2 activities, 1 unmatched, 0 ignored, 0 duplicates"])
        // The bcc mailbox's count waits for its own poll.
        recorder.pollSucceeded(mailbox: "bcc", at: end, duration: .seconds(1))
        recorder.flush()
        let bcc = try #require(try database.jobRuns().first { $0.messages.first?.hasPrefix("bcc:") == true })
        #expect(bcc.examined == 1 && bcc.changed == 0)
    }

    @Test func aPollThatFoundNothingIsNotRecordedButStillReported() throws {
        recorder.pollSucceeded(mailbox: "corporate", at: end, duration: .milliseconds(20))
        recorder.flush()
        #expect(try database.jobRuns().isEmpty)
        #expect(forwarded.calls.withLock { $0 } == ["ok corporate"])
    }

    @Test func aFailedPollIsAFailedRunWithTheReasonAndWhatWasCommittedBefore() throws {
        recorder.captured(mailbox: "corporate", outcome: .ignored)
        recorder.pollFailed(mailbox: "corporate", at: end, kind: .connect, message: "connection refused by 127.0.0.1")
        recorder.flush()
        let run = try #require(try database.jobRuns().first)
        #expect(run.state == .failed)
        #expect(run.examined == 1)
        #expect(run.messages == ["corporate: connect: connection refused by 127.0.0.1",
                                 "corporate: committed before the failure: 0 activities, 0 unmatched, 1 ignored, 0 duplicates"])
        #expect(forwarded.calls.withLock { $0 } == ["captured corporate ignored", "failed corporate connect"])
    }
}
