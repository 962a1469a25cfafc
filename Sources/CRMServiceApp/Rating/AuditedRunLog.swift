import CRMCore
import Foundation
import Store

/// The job-run log of a run a person starts (`rating run --as`): the start of the run and the person's audit line are
/// one transaction (§8), so neither is ever recorded without the other. With `onlyWhenIdle` a run starts only when
/// none of its job is `running` (else `JobAlreadyRunning`), as the scheduler's.
struct AuditedRunLog: JobRunLog {
    let database: AppDatabase
    let audit: AuditLogEntry
    let onlyWhenIdle: Bool

    func startRun(job: String, at time: Date) throws -> JobRunID {
        guard onlyWhenIdle else { return try database.startRun(job: job, at: time, audit: audit) }
        switch try database.startRunIfIdle(job: job, at: time, audit: audit) {
        case .started(let id): return id
        case .busy(let running): throw JobAlreadyRunning(job: job, running: running)
        }
    }

    func finishRun(_ id: JobRunID, state: JobRunState, at time: Date, examined: Int, changed: Int, messages: [String]) throws {
        try database.finishRun(id, state: state, at: time, examined: examined, changed: changed, messages: messages)
    }

    func jobRuns() throws -> [JobRun] { try database.jobRuns() }
}
