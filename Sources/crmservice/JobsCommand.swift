import ArgumentParser
import CRMCore
import CRMServiceApp
import Foundation
import Synchronization

/// `crmservice jobs list [--state S]|run NAME [--at ISO8601]|cancel ID|runs [--day YYYY-MM-DD]|stop RUNID|standby|resume
/// (--db DB | --config FILE)` (§1, §7).
/// `standby` and `resume` are additions to §1: they set the scheduler's persisted mode.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Scheduled jobs and their run log.",
        discussion: """
            Jobs: mail-poll (every 60 s; registered by the poller), rating (daily 02:00 UTC), log-truncate (daily \
            03:30 UTC, deletes runs older than 90 days in batches of 500), archive (a later issue; disabled). These \
            are the defaults; with --config the file's `jobs` section sets them.
            """,
        subcommands: [List.self, Run.self, Cancel.self, Runs.self, Stop.self, Standby.self, Resume.self]
    )

    /// `--db` / `--config`, shared by every subcommand; the jobs' schedules come from the file's `jobs` section,
    /// or are the defaults with `--db` alone.
    struct DatabaseOption: ParsableArguments {
        @OptionGroup var database: DatabaseOptions

        func console() throws -> JobsConsole { try open().console }

        /// The console and its database, for the actions that check and record `--as`.
        func open() throws -> (console: JobsConsole, store: StoreDatabase) {
            let configuration = try database.configuration()
            let store = try openDatabase(try database.location(in: configuration))
            return (JobsConsole(database: store, jobs: configuration?.jobs), store)
        }
    }

    /// `jobs list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the scheduler's mode, each job's enabled state, trigger, state, last run and next run, and the pending runs.",
            discussion: """
                --state pending lists the pending one-off runs (jobs run NAME --at) with their ids and times; \
                --state running the runs in progress; --state completed (failed, stopped) the newest 50 runs that \
                ended so.
                """)
        @Option(help: "Only the runs in this state: pending, running, completed, failed or stopped.")
        var state: String?
        @OptionGroup var options: DatabaseOption

        func run() throws {
            let (console, store) = try options.open()
            let configuration = try options.database.configuration()
            let registered = DigestSending.jobs(configuration: configuration, file: options.database.config, database: store)
                + CalendarSyncJob.jobs(configuration: configuration, database: store)
            try jobsFailures {
                print(try state.map { try console.list(state: $0) } ?? console.list(registering: registered), terminator: "")
            }
        }
    }

    /// `jobs run NAME`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one job now in this process, or once at a time (--at), recorded in the run log.",
            discussion: """
                Refused (exit 1) while a run of the job is in progress or the scheduler is in standby. Exit 1 when \
                the run fails or is stopped.
                With --at the run is pending: it prints the pending run's id and returns; the scheduler of \
                `crmservice run` starts it at that time, once (at its start-up when the service was down then; \
                `run --once` starts it too when its time has come). `jobs list` shows it until it starts; \
                `jobs cancel ID` removes it.
                """)
        @Argument(help: "The job: rating or log-truncate.")
        var name: String
        @Option(help: "Run once at this time (ISO 8601 with Z or an offset, e.g. 2026-12-24T18:00:00Z).")
        var at: String?
        @OptionGroup var options: DatabaseOption
        @OptionGroup var actor: ActorOption

        // Synchronous: main.swift calls the synchronous `run()` of every command, so the job's async run is awaited
        // on another thread here.
        func run() throws {
            let (console, store) = try options.open()
            let acting = try actor.resolve(in: store, needs: .scheduler)
            let name = self.name
            // The jobs `digest` and `calendar-sync` need their sections of the configuration.
            let configuration = try options.database.configuration()
            let registered = DigestSending.jobs(configuration: configuration, file: options.database.config, database: store)
                + CalendarSyncJob.jobs(configuration: configuration, database: store)
            if let at {
                try jobsFailures {
                    print(try console.schedule(name, at: at, audit: acting.audit("job-run-at", target: "", detail: ""),
                                               registering: registered).summary,
                          terminator: "")
                }
                return
            }
            // The audit line is written with the run's start, in its transaction.
            let audit = acting.audit("job-run", target: "", detail: name)
            let result = Mutex<Result<(report: JobRunnerReport, summary: String), any Error>?>(nil)
            let done = DispatchSemaphore(value: 0)
            Task {
                let outcome: Result<(report: JobRunnerReport, summary: String), any Error>
                do { outcome = .success(try await console.run(name, registering: registered, audit: audit)) } catch { outcome = .failure(error) }
                result.withLock { $0 = outcome }
                done.signal()
            }
            done.wait()
            try jobsFailures {
                let ran = try result.withLock { $0! }.get()
                print(ran.summary, terminator: "")
                if ran.report.state != .completed {
                    throw CommandFailure.failed("\(name) run \(ran.report.runID) \(ran.report.state.rawValue)")
                }
            }
        }
    }

    /// `jobs cancel ID`.
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a pending run (jobs run NAME --at) before it starts.",
            discussion: "Exit 2 naming the id when no pending run has it or it has started already.")
        @Argument(help: "The pending run's id (see `jobs list`).")
        var id: String
        @OptionGroup var options: DatabaseOption
        @OptionGroup var actor: ActorOption

        func run() throws {
            let (console, store) = try options.open()
            let acting = try actor.resolve(in: store, needs: .scheduler)
            try jobsFailures {
                print(try console.cancel(id, audit: acting.audit("job-cancel", target: "", detail: "")), terminator: "")
            }
        }
    }

    /// `jobs runs [--day YYYY-MM-DD]`.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the runs that started on one UTC day (default today), with their messages.")
        @Option(help: "The day, YYYY-MM-DD (UTC).")
        var day: String?
        @OptionGroup var options: DatabaseOption

        func run() throws {
            let console = try options.console()
            try jobsFailures { print(try console.runs(day: day), terminator: "") }
        }
    }

    /// `jobs stop RUNID`.
    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop a running run (of this or another process, through the database).",
            discussion: """
                The run stops at its next check: what it had committed stays, the batch in progress is rolled back, \
                and the run is recorded stopped. The rating job checks only before it starts: once its transaction \
                runs, it completes.
                """)
        @Argument(help: "The run's id (see `jobs runs`).")
        var runID: String
        @OptionGroup var options: DatabaseOption
        @OptionGroup var actor: ActorOption

        func run() throws {
            let (console, store) = try options.open()
            let acting = try actor.resolve(in: store, needs: .scheduler)
            try jobsFailures {
                // The audit line is written in the stop request's transaction.
                let audit = acting.audit("job-stop", target: "", detail: "stop requested")
                print(try console.stop(runID, audit: audit), terminator: "")
            }
        }
    }

    /// `jobs standby` (an addition to §1).
    struct Standby: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the scheduler in standby: nothing starts, mail polling included (persisted).")
        @OptionGroup var options: DatabaseOption
        @OptionGroup var actor: ActorOption

        func run() throws {
            let (console, store) = try options.open()
            let acting = try actor.resolve(in: store, needs: .scheduler)
            try jobsFailures {
                let audit = acting.audit("scheduler-mode", target: "scheduler", detail: "standby")
                print(try console.setMode(.standby, audit: audit), terminator: "")
            }
        }
    }

    /// `jobs resume` (an addition to §1).
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the scheduler running again; fire times passed in standby are not made up.")
        @OptionGroup var options: DatabaseOption
        @OptionGroup var actor: ActorOption

        func run() throws {
            let (console, store) = try options.open()
            let acting = try actor.resolve(in: store, needs: .scheduler)
            try jobsFailures {
                let audit = acting.audit("scheduler-mode", target: "scheduler", detail: "running")
                print(try console.setMode(.running, audit: audit), terminator: "")
            }
        }
    }
}

/// Maps the jobs' errors to the exit statuses: bad input 2, everything else 1.
private func jobsFailures(_ body: () throws -> Void) throws {
    do { try body() } catch let error as JobsInputError {
        throw CommandFailure.badInput(error.description)
    } catch let error as CommandFailure {
        throw error
    } catch let error as JobsCommandFailure {
        throw CommandFailure.failed(error.description)
    } catch {
        throw CommandFailure.failed("jobs: \(error)")
    }
}
