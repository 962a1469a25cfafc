import CRMCore
import Foundation

/// The jobs page's view of the scheduler (`SchedulerOverview`, the runs of a day) as template data: times as UTC
/// text, states in words.
enum JobsView {
    /// `running (run 12) on host-a`, `idle`, `standby`, `missed: runs at start-up`…
    static func state(_ job: SchedulerOverview.Job, mode: SchedulerMode) -> String {
        if let run = job.runningRun { return "running (run \(run))" + holder(job.lastRun?.instance) }
        if job.scheduled && mode == .standby { return "standby" }
        if job.catchUpPending { return "missed: runs at the next start" }
        return job.enabled ? job.state : "disabled"
    }

    /// ` on INSTANCE`: which of the instances sharing the database runs it (issue 14); `jobs stop` reaches it.
    static func holder(_ instance: InstanceName?) -> String { instance.map { " on \($0)" } ?? "" }

    static func jobs(_ overview: SchedulerOverview) -> [[String: Any]] {
        overview.jobs.map { job in
            [
                "name": job.name,
                "enabled": job.enabled,
                "schedule": job.schedule,
                "state": state(job, mode: overview.mode),
                "runnable": job.scheduled && job.runningRun == nil && overview.mode == .running,
                "lastRun": job.lastRun.map { "\($0.id) \($0.state.rawValue) \(MailboxHealth.utc($0.startedAt))" } ?? "never",
                "nextRuns": job.nextRuns.map(MailboxHealth.utc),
            ]
        }
    }

    static func runs(_ runs: [JobRun]) -> [[String: Any]] {
        runs.map { run in
            [
                "id": run.id.rawValue,
                "job": run.job,
                "state": run.state.rawValue + (run.state == .running ? holder(run.instance) : ""),
                "running": run.state == .running,
                "started": MailboxHealth.utc(run.startedAt),
                "ended": run.endedAt.map(MailboxHealth.utc) ?? "–",
                "examined": run.examined,
                "changed": run.changed,
                // An import's counts (§7) before its messages.
                "messages": (run.imported.map { ["\($0.created) created, \($0.updated) updated, \($0.unchanged) unchanged, "
                                                 + "\($0.rejected) rejected"] } ?? []) + run.messages,
            ]
        }
    }

    static func pending(_ runs: [PendingRun]) -> [[String: Any]] {
        runs.map { run in
            ["id": run.id.rawValue, "job": run.job, "at": MailboxHealth.utc(run.runAt), "by": run.requestedBy]
        }
    }

    /// What `?done=` and `?refused=` after an action say (fixed words: nothing of the URL is shown as it is).
    static func notice(_ query: ConsoleForm) -> String? {
        let run = query["run"].flatMap { Int64($0) }.map { " \($0)" } ?? ""
        switch query["done"] {
        case "standby": return "The scheduler is in standby: nothing starts."
        case "running": return "The scheduler is running."
        case "run": return "Run\(run) started."
        case "stop": return "Run\(run) was asked to stop; it stops after the batch in progress."
        case "cancel": return "The pending run\(query["pending"].flatMap { Int64($0) }.map { " \($0)" } ?? "") was cancelled."
        default: break
        }
        switch query["refused"] {
        case "unknown-job": return "There is no such job."
        case "standby": return "The scheduler is in standby: nothing starts until it is set running."
        case "busy": return "A run of this job is in progress\(run.isEmpty ? "" : " (run\(run))")."
        case "unknown-run": return "There is no such run."
        case "not-running": return "That run is not running."
        case "no-scheduler": return "No scheduler runs in this process."
        case "unknown-pending": return "There is no such pending run."
        case "pending-started": return "That pending run has started already\(run.isEmpty ? "" : " (run\(run))")."
        default: return nil
        }
    }

    /// The `?refused=` word of a refusal.
    static func refusal(_ refused: JobActionRefused) -> String {
        switch refused.reason {
        case .unknownJob: "unknown-job"
        case .standby: "standby"
        case .busy(let run): "busy" + (run.map { "&run=\($0)" } ?? "")
        case .unknownRun: "unknown-run"
        case .notRunning: "not-running"
        case .noScheduler: "no-scheduler"
        case .unknownPending: "unknown-pending"
        case .pendingStarted(_, let run): "pending-started&run=\(run)"
        }
    }
}
