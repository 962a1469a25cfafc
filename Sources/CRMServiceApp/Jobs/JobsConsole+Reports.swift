import CRMCore
import Foundation
import Jobs
import Store

extension JobsConsole {
    /// `jobs list`: the mode, then each job's enabled state, trigger, state, last run and next run.
    public func list(registering registered: [any Job] = []) throws -> String {
        let definitions: [JobDefinition]
        do { definitions = try configuration.definitions() } catch { throw JobsCommandFailure(error.description) }
        let now = clock.now()
        let mode = try database.schedulerMode()
        let runs = try database.jobRuns()
        let handled = try database.scheduleHandledThrough()
        let available = Set(jobs(registering: registered).map(\.name))
        var lastRun: [JobName: JobRun] = [:]
        for run in runs {
            let name = JobName(rawValue: run.job)
            if let last = lastRun[name], last.startedAt > run.startedAt { continue }
            lastRun[name] = run
        }
        let history = JobHistory.table(
            for: definitions, lastStarts: Dictionary(uniqueKeysWithValues: lastRun.map { ($0.key.rawValue, $0.value.startedAt) }),
            handledThrough: handled)
        var core = SchedulerCore(definitions: definitions, history: history, mode: mode)
        let catchUps = Set(core.start(now: now).map(\.job))

        var rows = [["JOB", "ENABLED", "TRIGGER", "STATE", "LAST RUN", "NEXT RUN"]]
        for (definition, schedule) in zip(definitions, configuration.schedules.map(\.1)) {
            let name = definition.name
            let last = lastRun[name]
            // mail-poll is carried by the per-mailbox pollers of `crmservice run`, each on its own interval; its runs
            // (polls that captured something or failed) are in the run log.
            let state = name.rawValue == MailPollRunLog.job ? "pollers of run"
                : !available.contains(name) ? "not registered"
                : last?.state == .running ? "running (run \(last!.id))" : "idle"
            let lastText = last.map { "\($0.id) \($0.state.rawValue) \(ISO8601.utcString($0.startedAt))" } ?? "never"
            let next: String
            if !definition.enabled || !available.contains(name) {
                next = "-"
            } else if mode == .standby {
                next = "standby"
            } else if catchUps.contains(name) {
                next = "at start-up (missed)"
            } else {
                next = core.nextFire(of: name).map(ISO8601.utcString) ?? "never"
            }
            rows.append([name.rawValue, definition.enabled ? "yes" : "no", Self.describe(schedule), state, lastText, next])
        }
        return "scheduler: \(mode.rawValue)\n" + Self.table(rows)
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
