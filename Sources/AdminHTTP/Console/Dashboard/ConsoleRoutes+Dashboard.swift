import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /`: the dashboard. Each part comes from its port (`health`, `dashboard`, `jobs`); a part whose port is
    /// not given is left out.
    static func addDashboardRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        router.get("/") { _, context in
            let mailboxes = services.health.snapshot().sorted { $0.key < $1.key }.map { name, health -> [String: Any] in
                [
                    "name": name,
                    "healthy": health.isHealthy,
                    "lastSuccess": health.lastSuccess.map(MailboxHealth.utc) ?? "never",
                    "failures": health.consecutiveFailures,
                    "lastErrorKind": health.lastErrorKind ?? "",
                    "lastError": health.lastErrorMessage ?? "",
                ]
            }
            var data: [String: Any] = ["mailboxes": mailboxes]
            let now = services.now()
            // SQLite blocks: off the cooperative pool.
            let (counts, queue, overview) = try await BlockingThread.run(name: "crmservice.console-dashboard") {
                let first = Day(utc: now.addingTimeInterval(-86_400 * 29)), last = Day(utc: now)
                return (try services.dashboard?.capturedPerDay(from: first, through: last),
                        try services.dashboard?.openEntriesByReason(), try services.jobs?.overview())
            }
            if let counts { data["chart"] = CaptureChart(counts: counts, endingAt: now).data }
            if let queue {
                data["hasQueue"] = true
                data["queueTotal"] = queue.values.reduce(0, +)
                data["queue"] = queue.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                    .map { ["reason": $0.key, "count": $0.value] as [String: Any] }
            }
            if let overview {
                data["scheduler"] = [
                    "mode": overview.mode.rawValue,
                    "jobs": overview.jobs.map { job -> [String: Any] in
                        ["name": job.name, "state": JobsView.state(job, mode: overview.mode),
                         "nextRuns": job.nextRuns.map(MailboxHealth.utc)]
                    },
                ] as [String: Any]
            }
            if let leases = services.leases {
                let table = try await BlockingThread.run(name: "crmservice.console-leases") { try leases.leases() }
                data["instances"] = LeasesView.data(table)
            }
            return try context.page(title: "Dashboard", template: "dashboard", data)
        }
    }
}
