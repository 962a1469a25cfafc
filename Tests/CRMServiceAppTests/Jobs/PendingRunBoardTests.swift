import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Testing

/// The console's view of pending one-off runs (§7, §8) through `JobsConsoleBoard`, on a real SQLite file.
@Suite("§8 jobs board: pending runs") struct PendingRunBoardTests {
    @Test("§7 the console lists pending runs and cancels one (audited with its actor); a second cancel is refused")
    func listAndCancel() throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let console = JobsConsole(database: world.database, clock: world.clock)
        let board = JobsConsoleBoard(console: console, control: SchedulerControl())
        let audit = AuditLogEntry(at: world.clock.now(), actor: "ann", origin: .cli, action: "job-run-at", target: "", detail: "")
        let (id, _) = try console.schedule("rating", at: "2026-03-03T08:00:00Z", audit: audit)
        #expect(try board.pendingRuns().map(\.job) == ["rating"])
        #expect(try board.pendingRuns().first?.runAt == utc("2026-03-03T08:00:00Z"))
        try board.cancelPending(id, actor: "ben")
        #expect(try board.pendingRuns().isEmpty)
        #expect(throws: JobActionRefused(.unknownPending(id))) { try board.cancelPending(id, actor: "ben") }
        let lines = try world.database.auditLog().map { "\($0.actor) \($0.origin.rawValue) \($0.action) \($0.target)" }
        #expect(lines == ["ann cli job-run-at pending-run \(id)", "ben console job-cancel pending-run \(id)"])
    }
}
