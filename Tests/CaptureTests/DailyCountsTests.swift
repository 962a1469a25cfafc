import CRMCore
import CRMServiceApp
import Foundation
import Testing
@testable import Capture
@testable import Store

/// The dashboard's messages captured per day by outcome (`daily_outcomes`, migration `v5-daily-counts`): counted in
/// each message's capture transaction, so they are exact.
@Suite struct DailyCountsTests {
    let db: FreshDatabase
    init() throws {
        db = try FreshDatabase()
        try db.importFixtureBook()
    }

    /// The counts of the days around now (a replay that crosses midnight counts on two days).
    func countsAroundNow() throws -> [PolledOutcome: Int] {
        let now = Date()
        let counts = try db.database.capturedPerDay(from: Day(utc: now.addingTimeInterval(-86_400)),
                                                    through: Day(utc: now.addingTimeInterval(86_400)))
        return counts.reduce(into: [:]) { $0[$1.outcome, default: 0] += $1.count }
    }

    @Test("§4 the per-day counts equal the outcomes of two replays of the fixtures, ignored and duplicates included")
    func replayedTwice() throws {
        let service = ReplayService(database: db.database)
        let first = try service.replay(EndToEndTests.inputs, mailbox: "fixtures", batchSize: 64)
        let second = try service.replay(EndToEndTests.inputs, mailbox: "fixtures", batchSize: 64)
        let ignored = first.ignored.values.reduce(0, +) + second.ignored.values.reduce(0, +)
        #expect(ignored > 0 && second.duplicates > 0)
        #expect(try countsAroundNow() == [
            .activity: first.activities + second.activities,
            .unmatched: first.unmatched.values.reduce(0, +) + second.unmatched.values.reduce(0, +),
            .ignored: ignored,
            .duplicate: first.duplicates + second.duplicates,
        ])
    }

    @Test("a capture transaction that rolls back leaves the counts as they were; the day is the capture's UTC day")
    func rollbackAndDay() throws {
        let pipeline = CapturePipeline(book: try db.database.addressBook(policy: CapturePolicy()))
        let message = RawMessage(bytes: Array("Message-ID: <a@x>\r\nFrom: nobody@nowhere.example\r\nSubject: s\r\n\r\nb\r\n".utf8),
                                 source: MessageSource(mailbox: "m", ref: "1"))
        #expect(throws: InjectedFailure.self) {
            try db.database.inCaptureTransaction { tx in
                _ = try pipeline.capture(message, in: tx)
                throw InjectedFailure()
            }
        }
        #expect(try countsAroundNow().isEmpty)
        let late = try #require(ISO8601DateFormatter().date(from: "2026-03-01T23:59:59Z"))
        let result = try db.database.inCaptureTransaction { try pipeline.capture(message, in: $0, at: late) }
        #expect(result == .unmatched(.unknownSender))
        let day = try #require(Day(rawValue: "2026-03-01"))
        #expect(try db.database.capturedPerDay(from: day, through: day)
            == [DailyOutcomeCount(day: day, outcome: .unmatched, count: 1)])
    }

    @Test("review actions (assign, dismiss, reprocess) capture nothing and count nothing")
    func reviewDoesNotCount() throws {
        let service = ReplayService(database: db.database)
        _ = try service.replay(EndToEndTests.inputs, mailbox: "fixtures", batchSize: 64)
        let before = try countsAroundNow()
        let pipeline = CapturePipeline(book: try db.database.addressBook(policy: CapturePolicy()))
        let results = try db.database.inCaptureTransaction { try pipeline.reprocess(nil, actor: "test", in: $0) }
        #expect(!results.isEmpty)
        #expect(try countsAroundNow() == before)
    }
}
