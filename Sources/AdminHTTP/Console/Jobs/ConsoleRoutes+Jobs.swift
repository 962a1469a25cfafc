import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /jobs` (`?day=YYYY-MM-DD`, default today UTC), and the `scheduler` right's actions (§7, §8):
    /// `POST /jobs/standby`, `POST /jobs/running`, `POST /jobs/NAME/run`, `POST /jobs/runs/RUNID/stop`,
    /// `POST /jobs/pending/ID/cancel` (a pending one-off run; an addition to the stable routes). An action
    /// without the right is 403 and changes nothing; one the scheduler refuses (standby, busy, not running) redirects
    /// to the page with a notice. Every action is audited with the logged-in user as its actor (by the port).
    static func addJobsRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let board = services.jobs else { return }

        router.get("/jobs") { request, context in
            let query = ConsoleForm(query: request.uri.query)
            let today = Day(utc: services.now())
            var notice = JobsView.notice(query)
            var day = today
            if let text = query["day"], !text.isEmpty {
                if let chosen = Day(rawValue: text) { day = chosen } else { notice = "\"\(text)\" is not a day (YYYY-MM-DD): today is shown." }
            }
            let chosen = day
            let (overview, runs, pending) = try await BlockingThread.run(name: "crmservice.console-jobs") {
                (try board.overview(), try board.runs(startedOn: chosen), try board.pendingRuns())
            }
            var data: [String: Any] = [
                "mode": overview.mode.rawValue, "running": overview.mode == .running, "day": day.rawValue,
                "jobs": JobsView.jobs(overview), "runs": JobsView.runs(runs), "pending": JobsView.pending(pending),
            ]
            if let notice { data["notice"] = notice }
            return try context.page(title: "Jobs", template: "jobs", data)
        }

        for mode in SchedulerMode.allCases {
            router.post("/jobs/\(mode.rawValue)") { _, context in
                try context.require(.scheduler)
                try await board.setMode(mode, actor: context.actor)
                return context.redirect(to: "/jobs?done=\(mode.rawValue)")
            }
        }

        router.post("/jobs/:name/run") { _, context in
            try context.require(.scheduler)
            let name = try context.parameters.require("name")
            do {
                let run = try await board.runNow(name, actor: context.actor)
                return context.redirect(to: "/jobs?done=run&run=\(run)")
            } catch let refused as JobActionRefused {
                return context.redirect(to: "/jobs?refused=\(JobsView.refusal(refused))")
            }
        }

        router.post("/jobs/pending/:id/cancel") { _, context in
            try context.require(.scheduler)
            guard let value = Int64(try context.parameters.require("id")), value > 0 else {
                return context.redirect(to: "/jobs?refused=unknown-pending")
            }
            let id = PendingRunID(rawValue: value)
            do {
                let actor = context.actor
                try await BlockingThread.run(name: "crmservice.console-jobs") { try board.cancelPending(id, actor: actor) }
                return context.redirect(to: "/jobs?done=cancel&pending=\(id)")
            } catch let refused as JobActionRefused {
                return context.redirect(to: "/jobs?refused=\(JobsView.refusal(refused))")
            }
        }

        router.post("/jobs/runs/:run/stop") { _, context in
            try context.require(.scheduler)
            guard let value = Int64(try context.parameters.require("run")), value > 0 else {
                return context.redirect(to: "/jobs?refused=unknown-run")
            }
            let run = JobRunID(rawValue: value)
            do {
                let actor = context.actor
                try await BlockingThread.run(name: "crmservice.console-jobs") { try board.stop(run, actor: actor) }
                return context.redirect(to: "/jobs?done=stop&run=\(run)")
            } catch let refused as JobActionRefused {
                return context.redirect(to: "/jobs?refused=\(JobsView.refusal(refused))")
            }
        }
    }
}
