import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The rating page (§8 Rating rules, §6): `GET /rating/rules` (the rules per account type, the overlap check with
    /// its suggested repair, the rating's recent runs), `POST /rating/validate` (the check again; with `repair=1` the
    /// repair is applied: right `rating-rules`) and `POST /rating/run` (an incremental run now: right `rating-run`;
    /// the page then shows that run's log). Actions are audited by the port with the logged-in user.
    static func addRatingRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let rating = services.rating else { return }

        router.get("/rating/rules") { _, context in
            try await ratingPage(rating, context)
        }

        router.post("/rating/validate") { _, context in
            guard context.form["repair"] == "1" else {
                return try await ratingPage(rating, context, notice: "Checked again.")
            }
            let login = try context.require(.ratingRules)
            let now = services.now()
            let found = try await BlockingThread.run(name: "crmservice.console-rating") {
                try rating.repairRules(actor: login.user.rawValue, at: now)
            }
            let repaired = found.filter { $0.kind == .overlap }.count
            context.logger.notice("console rating repair", metadata: ["rating.overlaps": "\(repaired)"])
            return try await ratingPage(rating, context, notice: repaired == 0
                ? "There was no overlap to repair."
                : "\(repaired) overlap(s) repaired as suggested; gaps are left as they are.")
        }

        router.post("/rating/run") { _, context in
            let login = try context.require(.ratingRun)
            let now = services.now()
            let run: JobRun
            do {
                run = try await BlockingThread.run(name: "crmservice.console-rating", background: true) {
                    try rating.runRating(actor: login.user.rawValue, at: now)
                }
            } catch let busy as JobAlreadyRunning {
                return try context.page(
                    title: "Rating is running", template: "error",
                    ["message": "A rating run (\(busy.running)) is in progress; nothing was started.", "back": "/rating/rules"],
                    status: .conflict)
            }
            context.logger.notice("console rating run", metadata: ["job.run": "\(run.id)"])
            return try await ratingPage(rating, context, notice: "Rating run \(run.id) \(run.state.rawValue).",
                                        lastRun: run)
        }
    }

    private static func ratingPage(_ rating: any RatingConsole, _ context: ConsoleContext, notice: String? = nil,
                                   lastRun: JobRun? = nil) async throws -> Response {
        let (sheet, runs) = try await BlockingThread.run(name: "crmservice.console-rating") {
            (try rating.ruleSheet(), try rating.ratingRuns(limit: 10))
        }
        return try context.page(title: "Rating rules", template: "rating-rules",
                                RatingRulesView.page(sheet, runs: runs, notice: notice, lastRun: lastRun))
    }
}
