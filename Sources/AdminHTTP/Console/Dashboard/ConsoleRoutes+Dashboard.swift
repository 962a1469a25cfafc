import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /`: a placeholder dashboard (each mailbox's health) until the dashboard's helper replaces it.
    static func addDashboardRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        router.get("/") { _, context in
            let mailboxes = services.health.snapshot().sorted { $0.key < $1.key }.map { name, health -> [String: Any] in
                [
                    "name": name,
                    "lastSuccess": health.lastSuccess.map(MailboxHealth.utc) ?? "never",
                    "failures": health.consecutiveFailures,
                    "lastError": health.lastErrorMessage ?? "",
                ]
            }
            return try context.page(title: "Dashboard", template: "dashboard", ["mailboxes": mailboxes])
        }
    }
}
