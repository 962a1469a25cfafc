import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /accounts` (`?q=` id or name, `?page=`): accounts to reach a history; `GET /accounts/ID` (`?page=`): the
    /// account, its parent and subsidiaries, its rating and the rules of its type, and the history of it and all its
    /// subsidiaries, newest first, 50 a page (§8).
    static func addAccountsRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let history = services.accounts else { return }
        let size = AccountsView.pageSize

        router.get("/accounts") { request, context in
            let query = ConsoleForm(query: request.uri.query)
            let text = query["q"] ?? "", page = AccountsView.page(query)
            // One more than a page: whether there is a next one, without counting them all.
            let found = try await BlockingThread.run(name: "crmservice.console-accounts") {
                try history.findAccounts(matching: text, offset: (page - 1) * size, limit: size + 1)
            }
            let base = "/accounts" + (text.isEmpty ? "" : "?q=" + AccountsView.encoded(text))
            return try context.page(title: "Accounts", template: "accounts", [
                "q": text, "accounts": found.prefix(size).map(AccountsView.summary),
                "pager": AccountsView.pager(page: page, hasMore: found.count > size, base: base),
            ])
        }

        router.get("/accounts/:id") { request, context in
            let raw = try context.parameters.require("id")
            let id = AccountID(raw.removingPercentEncoding ?? raw)
            let page = AccountsView.page(ConsoleForm(query: request.uri.query))
            let (profile, entries) = try await BlockingThread.run(name: "crmservice.console-accounts") {
                guard let profile = try history.accountProfile(id) else { return (nil as AccountProfile?, [AccountHistoryEntry]()) }
                return (profile, try history.history(of: id, offset: (page - 1) * size, limit: size + 1))
            }
            guard let profile else {
                return try context.page(title: "No such account", template: "error",
                                        ["message": "There is no account \(id.rawValue).", "back": "/accounts"],
                                        status: .notFound)
            }
            return try context.page(title: profile.account.name, template: "account", [
                "profile": AccountsView.profile(profile),
                "entries": AccountsView.entries(Array(entries.prefix(size))),
                "pager": AccountsView.pager(page: page, hasMore: entries.count > size, base: AccountsView.href(id.rawValue)),
            ])
        }
    }
}
