import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /login`, `POST /login` (fields `user`, `password`, `csrf`, and `next`), `POST /logout` (§8).
    ///
    /// The login form's `csrf` is a random token also set as the short-lived `crm_login` cookie (double submit: the
    /// middleware compares them). A login is checked by `LoginGate` (origin `console`: the lockout, then the bcrypt
    /// hash, every attempt recorded); a refusal reads the same whatever its cause. Each login starts a new session
    /// (the old one, if any, is deleted: no session fixation).
    static func addLoginRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        router.get("/login") { request, context in
            let next = LocalPath.safe(ConsoleForm(query: request.uri.query)["next"])
            if context.login != nil { return context.redirect(to: next) }
            return try loginPage(request: request, context: context, next: next, enteredUser: "", refused: false)
        }

        router.post("/login") { request, context in
            let form = context.form
            let next = LocalPath.safe(form["next"])
            let user = form["user"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let password = form["password"] ?? ""
            let gate = LoginGate(store: services.logins, hashing: services.hashing)
            let now = services.now()
            // bcrypt is slow on purpose and SQLite blocks: both off the cooperative pool.
            let verdict = try await BlockingThread.run(name: "crmservice.console-login") {
                user.isEmpty ? LoginGate.Verdict.refused
                    : try gate.authenticate(UserID(user), password: password, origin: AuditOrigin.console.rawValue,
                                            at: now)
            }
            guard case .accepted(let login) = verdict else {
                context.logger.notice("console login refused")
                return try loginPage(request: request, context: context, next: next, enteredUser: user, refused: true)
            }
            let token = ConsoleToken.random()
            let session = ConsoleSession(tokenHash: ConsoleToken.hash(token), user: login.user,
                                         csrfToken: ConsoleToken.random(), createdAt: now, lastSeenAt: now)
            let previous = context.session?.tokenHash
            try await BlockingThread.run(name: "crmservice.console-login") {
                if let previous { try services.sessions.deleteSession(tokenHash: previous) }
                _ = try services.sessions.deleteSessions(lastSeenBefore: now.addingTimeInterval(-ConsoleSession.idleLimit))
                try services.sessions.createSession(session)
            }
            context.logger.notice("console login", metadata: ["user": "\(login.user)"])
            var response = context.redirect(to: next)
            let cookies = try cookieSettings(context)
            response.setCookie(cookies.session(token))
            response.setCookie(cookies.endLoginForm())
            return response
        }

        router.post("/logout") { _, context in
            if let session = context.session {
                try await BlockingThread.run(name: "crmservice.console-logout") {
                    try services.sessions.deleteSession(tokenHash: session.tokenHash)
                }
            }
            var response = context.redirect(to: "/login")
            response.setCookie(try cookieSettings(context).endSession())
            return response
        }
    }

    /// The login form with its token: the one of the browser's `crm_login` cookie when it has a well-formed one (two
    /// tabs keep working), else a new one set as that cookie.
    private static func loginPage(request: Request, context: ConsoleContext, next: String, enteredUser: String,
                                  refused: Bool) throws -> Response {
        let existing = request.cookies[ConsoleCookies.loginForm]?.value
        let token = existing.flatMap { ConsoleToken.isWellFormed($0) ? $0 : nil } ?? ConsoleToken.random()
        var response = try context.page(
            title: "Log in", template: "login",
            ["loginToken": token, "next": next, "enteredUser": enteredUser, "refused": refused])
        response.setCookie(try cookieSettings(context).loginForm(token))
        return response
    }

    private static func cookieSettings(_ context: ConsoleContext) throws -> ConsoleCookies {
        guard let environment = context.environment else {
            throw ConsoleSetupError(what: "the console middleware did not run")
        }
        return environment.cookies
    }
}
