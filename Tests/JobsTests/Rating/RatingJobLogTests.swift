import CRMCore
import Foundation
import Synchronization
import Testing
@testable import Jobs

/// A job-run log in memory.
final class MemoryJobRunLog: JobRunLog {
    let runs = Mutex<[JobRun]>([])

    func startRun(job: String, at time: Date) throws -> JobRunID {
        runs.withLock { runs in
            let id = JobRunID(rawValue: Int64(runs.count + 1))
            runs.append(JobRun(id: id, job: job, startedAt: time, endedAt: nil, state: .running, examined: 0, changed: 0, messages: []))
            return id
        }
    }

    func finishRun(_ id: JobRunID, state: JobRunState, at time: Date, examined: Int, changed: Int, messages: [String]) throws {
        runs.withLock { runs in
            let i = Int(id.rawValue) - 1
            runs[i].state = state
            runs[i].endedAt = time
            runs[i].examined = examined
            runs[i].changed = changed
            runs[i].messages = messages
        }
    }

    func jobRuns() throws -> [JobRun] { runs.withLock { $0 } }
}

/// A store whose transaction always fails.
struct FailingStore: RatingStore {
    struct Broken: Error, CustomStringConvertible { var description: String { "disk on fire" } }
    func inRatingSnapshot<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingSnapshot) throws -> T) throws -> T {
        throw Broken()
    }
    func inRatingWrite<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingWriteSession) throws -> T) throws -> T {
        throw Broken()
    }
    func replaceRules(ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws { throw Broken() }
    func allRules() throws -> [RatingRule] { throw Broken() }
}

@Suite struct RatingJobLogTests {
    @Test("§6 a failed run is recorded as failed with its problem") func failedRun() throws {
        let log = MemoryJobRunLog()
        #expect(throws: FailingStore.Broken.self) {
            try RatingJob(store: FailingStore(), log: log).run(full: true, now: Date(timeIntervalSince1970: 0))
        }
        let run = try #require(try log.jobRuns().first)
        #expect(run.job == "rating")
        #expect(run.state == .failed)
        #expect(run.endedAt != nil)
        #expect(run.messages == ["rating failed: disk on fire"])
    }
}
