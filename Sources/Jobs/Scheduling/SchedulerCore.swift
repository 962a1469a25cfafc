import CRMCore
import Foundation

/// The scheduler's decisions, with no clock, sleeping or storage of its own (§7): given the job definitions, what
/// the run log says about their last runs, and "now", it says which runs start.
///
/// - A fire time missed while the service was down is made up by one run at start-up, however many were missed.
///   A cron job that never ran has missed nothing; an interval job that never ran is due at once.
/// - A job never runs twice at once: a fire time that comes while the job is still running is skipped (not queued).
/// - In `standby` nothing starts: fire times pass unrun, and going back to `running` makes none of them up.
/// - Several fire times passed between two ticks (the process was suspended, the clock jumped) make one run.
public struct SchedulerCore: Sendable {
    /// One job's state.
    struct Entry: Sendable {
        var definition: JobDefinition
        var lastStart: Date?
        /// Fire times through this instant are handled (run, skipped or passed in standby); persisted by the service.
        var handledThrough: Date?
        var nextFire: Date?
        var running = false
    }

    /// What `tick` decided.
    public struct Tick: Sendable, Hashable {
        /// Runs to start now (each job is now marked running until `finished`).
        public var due: [DueRun] = []
        /// Jobs whose fire time came while they were still running; that fire time is dropped.
        public var skipped: [JobName] = []
    }

    /// The answer to a manual run request.
    public enum ManualRun: Sendable, Hashable {
        case started(DueRun)
        case alreadyRunning
        case unknownJob
        case standby
    }

    public private(set) var mode: SchedulerMode
    private var entries: [JobName: Entry]
    private let order: [JobName]
    private var started = false

    public init(definitions: [JobDefinition], history: [JobName: JobHistory], mode: SchedulerMode = .running) {
        self.mode = mode
        var entries: [JobName: Entry] = [:]
        for definition in definitions {
            let past = history[definition.name]
            entries[definition.name] = Entry(definition: definition, lastStart: past?.since,
                                             handledThrough: past?.handledThrough)
        }
        self.entries = entries
        order = entries.keys.sorted()
    }

    /// Start-up at `now`: the catch-up runs (and interval jobs that never ran), then the next fire time of each job.
    public mutating func start(now: Date) -> [DueRun] {
        precondition(!started, "start(now:) once")
        started = true
        var due: [DueRun] = []
        for name in order {
            guard var entry = entries[name], entry.definition.enabled else { continue }
            defer { entries[name] = entry }
            var run: DueRun?
            switch entry.definition.trigger {
            case .cron(let schedule):
                if let last = entry.lastStart, let missed = schedule.next(after: last), missed <= now {
                    run = DueRun(job: name, scheduledFor: missed, reason: .catchUp)
                }
            case .interval(let seconds):
                if let last = entry.lastStart {
                    let missed = last.addingTimeInterval(TimeInterval(seconds))
                    if missed <= now { run = DueRun(job: name, scheduledFor: missed, reason: .catchUp) }
                } else {
                    run = DueRun(job: name, scheduledFor: now, reason: .scheduled)
                }
            }
            if run != nil { entry.handledThrough = now }
            if mode == .running, let run {
                due.append(run)
                entry.running = true
                entry.lastStart = now
            }
            // A catch-up not run (standby) counts like a fire time passed in standby.
            entry.nextFire = Self.nextFire(entry, after: now, restart: run != nil && mode == .standby)
        }
        return due
    }

    /// The runs due at `now`: every enabled job whose next fire time has come and that is not running.
    public mutating func tick(now: Date) -> Tick {
        precondition(started, "start(now:) first")
        var result = Tick()
        for name in order {
            guard var entry = entries[name], entry.definition.enabled, let fire = entry.nextFire, fire <= now else {
                continue
            }
            defer { entries[name] = entry }
            entry.handledThrough = now
            if mode == .standby {
                entry.nextFire = Self.nextFire(entry, after: now, restart: true)
                continue
            }
            if entry.running {
                result.skipped.append(name)
                entry.nextFire = Self.nextFire(entry, after: now, restart: true)
                continue
            }
            result.due.append(DueRun(job: name, scheduledFor: fire, reason: .scheduled))
            entry.running = true
            entry.lastStart = now
            entry.nextFire = Self.nextFire(entry, after: now)
        }
        return result
    }

    /// An administrator's request to run `name` now (`jobs run NAME`); refused while it runs or in standby.
    public mutating func runNow(_ name: JobName, now: Date) -> ManualRun {
        guard var entry = entries[name] else { return .unknownJob }
        guard mode == .running else { return .standby }
        guard !entry.running else { return .alreadyRunning }
        entry.running = true
        entry.lastStart = now
        if case .interval = entry.definition.trigger, started { entry.nextFire = Self.nextFire(entry, after: now) }
        entries[name] = entry
        return .started(DueRun(job: name, scheduledFor: now, reason: .manual))
    }

    /// The claim of a scheduled or catch-up run (issue 14): the run starts only if no fire time at or after this
    /// instant is handled in the database yet (nil: a manual or pending run, claimed otherwise). A cron fire time
    /// itself; for an interval job half an interval before it, as instances count intervals from their own starts.
    public func claimBound(of run: DueRun) -> Date? {
        guard run.reason != .manual, let entry = entries[run.job] else { return nil }
        switch entry.definition.trigger {
        case .cron: return run.scheduledFor
        case .interval(let seconds): return run.scheduledFor.addingTimeInterval(-TimeInterval(seconds) / 2)
        }
    }

    /// Another instance handled `name`'s fire time through `time`: this one does not run it, and an interval job
    /// counts its next fire time from there, in step with the instance that ran it.
    public mutating func handledElsewhere(_ name: JobName, through time: Date, now: Date) {
        guard var entry = entries[name] else { return }
        entry.running = false
        entry.handledThrough = max(entry.handledThrough ?? time, time)
        if case .interval = entry.definition.trigger, started {
            entry.lastStart = max(entry.lastStart ?? time, time)
            entry.nextFire = Self.nextFire(entry, after: now)
        }
        entries[name] = entry
    }

    /// A run of `name` ended (completed, failed or stopped).
    public mutating func finished(_ name: JobName) {
        entries[name]?.running = false
    }

    /// Switches between running and standby. Fire times that passed in standby (before `now`) are not made up.
    public mutating func setMode(_ mode: SchedulerMode, now: Date) {
        guard mode != self.mode else { return }
        self.mode = mode
        guard mode == .running, started else { return }
        for name in order {
            guard var entry = entries[name], entry.definition.enabled else { continue }
            // A fire time at `now` itself did not pass in standby: the next tick runs it.
            if let fire = entry.nextFire, fire < now {
                entry.nextFire = Self.nextFire(entry, after: now, restart: true)
                entry.handledThrough = now
            }
            entries[name] = entry
        }
    }

    /// When the next tick has something to decide: the earliest next fire time of an enabled job (nil: never).
    public var nextWakeUp: Date? {
        order.compactMap { entries[$0].flatMap { $0.definition.enabled ? $0.nextFire : nil } }.min()
    }

    /// Whether a run of `name` is in progress.
    public func isRunning(_ name: JobName) -> Bool { entries[name]?.running ?? false }

    /// The instant through which `name`'s fire times are handled (nil: none yet), for the service to persist.
    public func handledThrough(of name: JobName) -> Date? { entries[name]?.handledThrough }

    /// The next fire time of a job, as it stands.
    public func nextFire(of name: JobName) -> Date? { entries[name]?.nextFire }

    /// The next fire time after `now`. An interval counts from the last start, or from `now` when `restart`
    /// (a fire time that passed unrun).
    private static func nextFire(_ entry: Entry, after now: Date, restart: Bool = false) -> Date? {
        switch entry.definition.trigger {
        case .cron(let schedule):
            return schedule.next(after: now)
        case .interval(let seconds):
            let base = restart ? now : (entry.lastStart ?? now)
            return max(base.addingTimeInterval(TimeInterval(seconds)), now.addingTimeInterval(1))
        }
    }
}
