import Hummingbird

/// The console's routes (§8). Each page area has `extension ConsoleRoutes { static func addXRoutes(to router:,
/// services:) }` in its own folder `Console/<Area>/` and one line in `add(to:services:)`.
///
/// Every route registered here runs behind the console middleware: no valid session → GET 303 to `/login`, other
/// methods 401; a POST without the session's `csrf` → 403; the security headers on every answer. A handler asks for
/// a right with `try context.require(.review)` and answers with `try context.page(title:template:_:)` or, after a
/// POST, `context.redirect(to:)`.
public enum ConsoleRoutes {
    static func add(to router: Router<ConsoleContext>, services: ConsoleServices) {
        addStaticRoutes(to: router, services: services)
        addLoginRoutes(to: router, services: services)
        addDashboardRoutes(to: router, services: services)
        addImportRoutes(to: router, services: services)
        addRatingRoutes(to: router, services: services)
        addPeopleRoutes(to: router, services: services)
        addReviewRoutes(to: router, services: services)
        addJobsRoutes(to: router, services: services)
        addAccountsRoutes(to: router, services: services)
        addArchivesRoutes(to: router, services: services)
    }
}
