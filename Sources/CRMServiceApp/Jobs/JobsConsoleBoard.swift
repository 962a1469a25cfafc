import CRMCore
import Foundation
import Jobs
import Store

/// The console's `JobsBoard`: what `crmservice jobs` reads (`JobsConsole.overview`, the run log), with actions that
/// reach the scheduler running in this process through its `SchedulerControl`, each audited as its actor.
public struct JobsConsoleBoard: JobsBoard {
    let console: JobsConsole
    let control: SchedulerControl
    /// The jobs registered beside the console's own (`digest`), so the page does not call them unregistered.
    let registered: [any Job]

    /// `control` is the one given to the scheduler service of `crmservice run`.
    public init(console: JobsConsole, control: SchedulerControl, registering registered: [any Job] = []) {
        self.console = console
        self.control = control
        self.registered = registered
    }

    public func overview() throws -> SchedulerOverview { try console.overview(registering: registered) }

    public func runs(startedOn day: Day) throws -> [JobRun] { try console.database.jobRuns(startedOn: day) }

    public func setMode(_ mode: SchedulerMode, actor: String) async throws {
        let database = console.database, now = console.clock.now()
        try await BlockingThread.run { try database.setSchedulerMode(mode, at: now, actor: actor, origin: .console) }
        control.modeChanged()
    }

    public func runNow(_ job: String, actor: String) async throws -> JobRunID {
        guard console.configuration.schedules.contains(where: { $0.0.rawValue == job }) else {
            throw JobActionRefused(.unknownJob(job))
        }
        switch await control.runNow(JobName(rawValue: job)) {
        case .started(let run):
            let database = console.database, now = console.clock.now()
            try await BlockingThread.run { try database.auditRunStarted(run, job: job, at: now, actor: actor, origin: .console) }
            return run
        case .busy(let run):
            // Without an id the run in progress is another process's (`jobs run` in a terminal): the log has it.
            throw JobActionRefused(.busy(run ?? (try? overview().jobs.first { $0.name == job }?.runningRun) ?? nil))
        case .standby: throw JobActionRefused(.standby)
        case .unknownJob: throw JobActionRefused(.unknownJob(job))
        case .noScheduler: throw JobActionRefused(.noScheduler)
        case .failed(let message): throw JobsCommandFailure("the run could not be recorded: \(message)")
        }
    }

    public func pendingRuns() throws -> [PendingRun] { try console.pendingRuns() }

    public func cancelPending(_ id: PendingRunID, actor: String) throws {
        let audit = AuditLogEntry(at: console.clock.now(), actor: actor, origin: .console, action: "job-cancel",
                                  target: "", detail: "")
        switch try console.database.cancelPendingRun(id, audit: audit) {
        case .cancelled: return
        case .unknown: throw JobActionRefused(.unknownPending(id))
        case .alreadyStarted(let run): throw JobActionRefused(.pendingStarted(id, run))
        }
    }

    public func stop(_ run: JobRunID, actor: String) throws {
        switch try console.database.requestStop(of: run, at: console.clock.now(), actor: actor, origin: .console) {
        case .requested: return
        case .unknownRun: throw JobActionRefused(.unknownRun(run))
        case .notRunning(let state): throw JobActionRefused(.notRunning(run, state))
        }
    }
}
