import CRMCore
import Foundation
import Store

/// The job-run log as the scheduler starts runs: a run starts only when none of its job is `running` (checked and
/// recorded in one transaction), else `JobAlreadyRunning`. The console's "run the rating now" uses it, so that it
/// never overlaps a scheduled run (§7).
struct IdleGuardedRunLog: JobRunLog {
    let database: AppDatabase

    func startRun(job: String, at time: Date) throws -> JobRunID {
        switch try database.startRunIfIdle(job: job, at: time) {
        case .started(let id): return id
        case .busy(let running): throw JobAlreadyRunning(job: job, running: running)
        }
    }

    func finishRun(_ id: JobRunID, state: JobRunState, at time: Date, examined: Int, changed: Int, messages: [String]) throws {
        try database.finishRun(id, state: state, at: time, examined: examined, changed: changed, messages: messages)
    }

    func jobRuns() throws -> [JobRun] { try database.jobRuns() }
}
