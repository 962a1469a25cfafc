import CRMCore
import Foundation
import Jobs
import Store

extension JobsConsole {
    /// The states `jobs list --state` takes: `pending` (one-off runs not started) and those of the run log.
    public static let listStates = ["pending"] + JobRunState.allCases.map(\.rawValue)

    /// How many runs `jobs list --state completed|failed|stopped` shows, newest first.
    public static let finishedRunsListed = 50

    /// `jobs run NAME --at ISO8601`: records a pending one-off run of `name` at that time, with `audit`, in one
    /// transaction. A time in the past is allowed: the scheduler starts it at its next wake-up (or start-up).
    public func schedule(_ name: String, at text: String, audit: AuditLogEntry, registering registered: [any Job] = [])
        throws -> (id: PendingRunID, summary: String) {
        _ = try job(named: name, registering: registered)
        guard let seconds = ZonedTimestamp.parse(text, zone: .utc) else {
            throw JobsInputError(field: "--at", value: text, problem: "is not an ISO 8601 time")
        }
        let at = Date(timeIntervalSince1970: TimeInterval(seconds))
        var entry = audit
        entry.detail = "\(name) at \(ISO8601.utcString(at))"
        let id = try database.addPendingRun(job: name, at: at, audit: entry)
        return (id, "pending run \(id): \(name) at \(ISO8601.utcString(at))\n")
    }

    /// `jobs cancel ID`: removes a pending run that has not started, with `audit`, in one transaction.
    public func cancel(_ text: String, audit: AuditLogEntry) throws -> String {
        guard let value = Int64(text), value > 0 else {
            throw JobsInputError(field: "ID", value: text, problem: "is not a pending run id")
        }
        switch try database.cancelPendingRun(PendingRunID(rawValue: value), audit: audit) {
        case .cancelled(let run):
            return "pending run \(run.id) cancelled: \(run.job) at \(ISO8601.utcString(run.runAt))\n"
        case .alreadyStarted(let run):
            throw JobsInputError(field: "ID", value: text, problem: "has started already (run \(run))")
        case .unknown:
            throw JobsInputError(field: "ID", value: text, problem: "is no pending run")
        }
    }

    /// The pending one-off runs, earliest first.
    public func pendingRuns() throws -> [PendingRun] { try database.pendingRuns() }

    /// `jobs list --state STATE`: the pending runs, or the runs of the log in that state (`running`; the newest
    /// `finishedRunsListed` of `completed`, `failed`, `stopped`).
    public func list(state text: String) throws -> String {
        if text == "pending" {
            let pending = try pendingRuns()
            return pending.isEmpty ? "no pending runs\n" : Self.pendingTable(pending)
        }
        guard let state = JobRunState(rawValue: text) else {
            throw JobsInputError(field: "--state", value: text, problem: "is not one of \(Self.listStates.joined(separator: ", "))")
        }
        let runs = try database.jobRuns(inState: state, limit: state == .running ? nil : Self.finishedRunsListed)
        guard !runs.isEmpty else { return "no \(state.rawValue) runs\n" }
        // Running runs say which instance runs them (issue 14): `jobs stop` reaches it through the database.
        let holder = state == .running
        var rows = [["RUN", "JOB", "STATE", "STARTED", "ENDED", "EXAMINED", "CHANGED"] + (holder ? ["INSTANCE"] : [])]
        for run in runs {
            rows.append([run.id.description, run.job, run.state.rawValue, ISO8601.utcString(run.startedAt),
                         run.endedAt.map(ISO8601.utcString) ?? "-", String(run.examined), String(run.changed)]
                        + (holder ? [run.instance?.rawValue ?? "-"] : []))
        }
        return Self.table(rows)
    }

    /// The pending runs as `jobs list` prints them.
    static func pendingTable(_ pending: [PendingRun]) -> String {
        var rows = [["PENDING", "JOB", "AT", "REQUESTED BY"]]
        for run in pending {
            rows.append([run.id.description, run.job, ISO8601.utcString(run.runAt), run.requestedBy])
        }
        return table(rows)
    }
}
