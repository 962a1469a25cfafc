import CRMCore
import Foundation
import Synchronization
import Testing
@testable import Jobs

/// A clock the test moves by hand.
final class ManualClock: WallClock {
    private let current: Mutex<Date>
    init(_ date: Date) { current = Mutex(date) }
    func now() -> Date { current.withLock { $0 } }
    func set(_ date: Date) { current.withLock { $0 = date } }
}

/// `2026-01-01T05:30:00Z`-style literals.
func at(_ text: String) -> Date {
    Date(timeIntervalSince1970: TimeInterval(ZonedTimestamp.parse(text, zone: .utc)!))
}

func cronJob(_ name: JobName, _ expression: String, zone: String = "UTC", enabled: Bool = true) throws -> JobDefinition {
    let schedule = CronSchedule(expression: try CronExpression(expression), zone: try TimeZoneDatabase().rules(for: zone))
    return JobDefinition(name: name, trigger: .cron(schedule), enabled: enabled)
}

@Suite("Scheduler core (§7)") struct SchedulerCoreTests {
    @Test("a run missed while the service was down runs once at start-up")
    func catchUpOnce() throws {
        var core = SchedulerCore(definitions: [try cronJob("rating", "0 * * * *")],
                                 history: ["rating": JobHistory(lastStart: at("2026-01-01T00:00:00Z"))])
        let due = core.start(now: at("2026-01-01T05:30:00Z"))
        #expect(due == [DueRun(job: "rating", scheduledFor: at("2026-01-01T01:00:00Z"), reason: .catchUp)])
        #expect(core.isRunning("rating"))
        #expect(core.nextFire(of: "rating") == at("2026-01-01T06:00:00Z"))
    }

    @Test("nothing missed, nothing made up; a cron job that never ran has missed nothing")
    func noCatchUp() throws {
        var core = SchedulerCore(definitions: [try cronJob("rating", "0 * * * *"), try cronJob("archive", "0 3 * * *")],
                                 history: ["rating": JobHistory(lastStart: at("2026-01-01T05:00:00Z"))])
        #expect(core.start(now: at("2026-01-01T05:30:00Z")).isEmpty)
        #expect(core.nextWakeUp == at("2026-01-01T06:00:00Z"))
    }

    @Test("interval jobs: due at once when they never ran; a missed interval runs once at start-up")
    func intervals() {
        let poll = JobDefinition(name: "mail-poll", trigger: .interval(seconds: 60))
        var fresh = SchedulerCore(definitions: [poll], history: [:])
        #expect(fresh.start(now: at("2026-01-01T00:00:00Z")).map(\.reason) == [.scheduled])
        #expect(fresh.nextFire(of: "mail-poll") == at("2026-01-01T00:01:00Z"))

        var late = SchedulerCore(definitions: [poll], history: ["mail-poll": JobHistory(lastStart: at("2026-01-01T00:00:00Z"))])
        #expect(late.start(now: at("2026-01-01T10:00:00Z"))
            == [DueRun(job: "mail-poll", scheduledFor: at("2026-01-01T00:01:00Z"), reason: .catchUp)])
    }

    @Test("a job never runs twice at once: a fire time during a run is skipped")
    func neverTwice() throws {
        var core = SchedulerCore(definitions: [try cronJob("rating", "*/5 * * * *")], history: [:])
        _ = core.start(now: at("2026-01-01T00:00:30Z"))
        #expect(core.tick(now: at("2026-01-01T00:05:00Z")).due.map(\.job) == ["rating"])
        let during = core.tick(now: at("2026-01-01T00:10:00Z"))
        #expect(during.due.isEmpty && during.skipped == ["rating"])
        #expect(core.runNow("rating", now: at("2026-01-01T00:11:00Z")) == .alreadyRunning)
        core.finished("rating")
        #expect(core.tick(now: at("2026-01-01T00:15:00Z")).due
            == [DueRun(job: "rating", scheduledFor: at("2026-01-01T00:15:00Z"), reason: .scheduled)])
    }

    @Test("standby runs nothing, and going back to running makes nothing up")
    func standby() throws {
        var core = SchedulerCore(definitions: [try cronJob("rating", "0 * * * *")],
                                 history: ["rating": JobHistory(lastStart: at("2026-01-01T00:00:00Z"))], mode: .standby)
        #expect(core.start(now: at("2026-01-01T05:30:00Z")).isEmpty)
        #expect(core.tick(now: at("2026-01-01T06:00:00Z")) == SchedulerCore.Tick())
        #expect(core.runNow("rating", now: at("2026-01-01T06:10:00Z")) == .standby)
        core.setMode(.running, now: at("2026-01-01T07:30:00Z"))
        #expect(core.tick(now: at("2026-01-01T07:30:00Z")).due.isEmpty)
        #expect(core.tick(now: at("2026-01-01T08:00:00Z")).due.map(\.job) == ["rating"])
    }

    @Test("disabled jobs are never due and not made up")
    func disabled() throws {
        var core = SchedulerCore(definitions: [try cronJob("archive", "* * * * *", enabled: false)],
                                 history: ["archive": JobHistory(lastStart: at("2025-01-01T00:00:00Z"))])
        #expect(core.start(now: at("2026-01-01T00:00:00Z")).isEmpty)
        #expect(core.tick(now: at("2026-01-02T00:00:00Z")).due.isEmpty)
        #expect(core.nextWakeUp == nil)
        #expect(core.runNow("nope", now: at("2026-01-02T00:00:00Z")) == .unknownJob)
        if case .started(let run) = core.runNow("archive", now: at("2026-01-02T00:00:00Z")) {
            #expect(run.reason == .manual)
        } else {
            Issue.record("a manual run of a disabled job starts")
        }
    }

    @Test("several fire times passed between two ticks make one run")
    func coalesce() throws {
        var core = SchedulerCore(definitions: [try cronJob("log-truncate", "* * * * *")], history: [:])
        _ = core.start(now: at("2026-01-01T00:00:00Z"))
        #expect(core.tick(now: at("2026-01-01T03:00:00Z")).due.count == 1)
        #expect(core.nextFire(of: "log-truncate") == at("2026-01-01T03:01:00Z"))
    }

    @Test("driven by an injected clock across a spring-forward day: the gap's times run once, no sleeping")
    func simulatedDay() throws {
        let clock = ManualClock(at("2026-03-28T22:00:00Z"))
        var core = SchedulerCore(definitions: [try cronJob("rating", "*/15 2 * * *", zone: "Europe/Berlin"),
                                               JobDefinition(name: "mail-poll", trigger: .interval(seconds: 600))],
                                 history: ["mail-poll": JobHistory(lastStart: at("2026-03-28T21:55:00Z"))])
        var runs: [DueRun] = core.start(now: clock.now())
        while let wake = core.nextWakeUp, wake < at("2026-03-30T22:00:00Z") {
            clock.set(wake)
            let tick = core.tick(now: clock.now())
            runs += tick.due
            for run in tick.due { core.finished(run.job) } // runs are instant here
        }
        let rating = runs.filter { $0.job == "rating" }.map(\.scheduledFor)
        #expect(rating == [at("2026-03-29T01:00:00Z"), at("2026-03-30T00:00:00Z"), at("2026-03-30T00:15:00Z"),
                           at("2026-03-30T00:30:00Z"), at("2026-03-30T00:45:00Z")])
        #expect(runs.filter { $0.job == "mail-poll" }.count == 48 * 6)
    }
}
