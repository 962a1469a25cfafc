import CRMCore
import Foundation
import Jobs
import Store

extension JobsConsole {
    /// `jobs list`: the mode, then each job's enabled state, trigger, state, last run and next run, then the pending
    /// one-off runs.
    public func list(registering registered: [any Job] = []) throws -> String {
        let overview = try overview(registering: registered)
        var rows = [["JOB", "ENABLED", "TRIGGER", "STATE", "LAST RUN", "NEXT RUN"]]
        for job in overview.jobs {
            let holder = job.lastRun?.instance.map { " on \($0)" } ?? ""
            let state = job.runningRun.map { "running (run \($0))\(holder)" } ?? job.state
            let lastText = job.lastRun.map { "\($0.id) \($0.state.rawValue) \(ISO8601.utcString($0.startedAt))" } ?? "never"
            let next: String
            if !job.scheduled {
                next = "-"
            } else if overview.mode == .standby {
                next = "standby"
            } else if job.catchUpPending {
                next = "at start-up (missed)"
            } else {
                next = job.nextRuns.first.map(ISO8601.utcString) ?? "never"
            }
            rows.append([job.name, job.enabled ? "yes" : "no", job.schedule, state, lastText, next])
        }
        let pending = try pendingRuns()
        return "scheduler: \(overview.mode.rawValue)\n" + Self.table(rows)
            + (pending.isEmpty ? "no pending runs\n" : "pending runs:\n" + Self.pendingTable(pending))
            + (try instancesTable(now: overview.now))
    }

    /// The instances sharing the database with their last heartbeat (issue 14); nothing when none ever beat.
    func instancesTable(now: Date) throws -> String {
        let instances = try database.instances()
        guard !instances.isEmpty else { return "" }
        var rows = [["INSTANCE", "STARTED", "LAST HEARTBEAT", "LEASE", "PID"]]
        for instance in instances {
            rows.append([instance.name.rawValue, ISO8601.utcString(instance.startedAt), ISO8601.utcString(instance.seenAt),
                         instance.isExpired(at: now) ? "expired" : "until " + ISO8601.utcString(instance.expiresAt),
                         instance.pid.map(String.init) ?? "-"])
        }
        return "instances:\n" + Self.table(rows)
    }

    /// `jobs runs [--day YYYY-MM-DD]`: the runs that started that UTC day (default today), with their messages.
    public func runs(day text: String?) throws -> String {
        let day: Day
        if let text {
            guard let parsed = Day(rawValue: text) else {
                throw JobsInputError(field: "--day", value: text, problem: "is not a date")
            }
            day = parsed
        } else {
            day = Day(utc: clock.now())
        }
        let runs = try database.jobRuns(startedOn: day)
        guard !runs.isEmpty else { return "no runs on \(day)\n" }
        var rows = [["RUN", "JOB", "STATE", "STARTED", "ENDED", "EXAMINED", "CHANGED"]]
        var messages: [Int: [String]] = [:]
        for run in runs {
            rows.append([run.id.description, run.job, run.state.rawValue, ISO8601.utcString(run.startedAt),
                         run.endedAt.map(ISO8601.utcString) ?? "-", String(run.examined), String(run.changed)])
            messages[rows.count - 1] = run.messages
        }
        return Self.table(rows, after: messages)
    }

    static func describe(_ schedule: JobsConfiguration.Schedule) -> String {
        switch schedule.trigger {
        case .cron(let text): "cron \(text) \(schedule.zone)"
        case .interval(let seconds): "every \(seconds) s"
        }
    }

    /// Columns padded to their widest cell; `after[i]` lines printed, indented, below row `i`.
    static func table(_ rows: [[String]], after: [Int: [String]] = [:]) -> String {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (r, row) in rows.enumerated() {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            out += cells.joined(separator: "  ") + "\n"
            for line in after[r] ?? [] { out += "    \(line)\n" }
        }
        return out
    }
}
