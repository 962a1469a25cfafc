import CRMCore
import Foundation
import Hummingbird
import Logging

/// The console's gate (§8), in front of every route but `/healthz`, `/metrics` and `/static/…`:
///
/// - The session: the `crm_session` cookie's token is looked up by its SHA-256; an unknown or idle (8 h) session
///   counts as none (an idle one is deleted). A used session is touched at most once a minute.
/// - No valid session: GET/HEAD → 303 to `/login?next=PATH`, anything else → 401. `/login` itself is open.
/// - Only GET, HEAD and POST reach a handler (405 otherwise), so every change is a POST, and every POST carries
///   `csrf`: the session's token, or on `POST /login` the login form's token of the `crm_login` cookie
///   (double submit). Without it: 403, and the handler never runs.
/// - A `ConsoleRefusal` (a missing right) thrown by a handler becomes a 403 page.
struct ConsoleSessionMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext

    let services: ConsoleServices
    let environment: ConsoleEnvironment
    let logger: Logger

    /// Touching a session writes to the database; once a minute is precise enough for an 8-hour limit.
    static let touchInterval: TimeInterval = 60
    static let open: Set<String> = ["/healthz", "/metrics"]

    func handle(_ request: Request, context: ConsoleContext,
                next: (Request, ConsoleContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.open.contains(path) || path.hasPrefix("/static/") { return try await next(request, context) }
        var context = context
        context.environment = environment
        if let token = request.cookies[ConsoleCookies.session]?.value, !token.isEmpty,
           let (session, login) = try await resolve(token: token) {
            context.session = session
            context.login = login
        }
        let isLogin = path == "/login"
        guard isLogin || context.login != nil else {
            if request.method == .get || request.method == .head {
                return Response(status: .seeOther,
                                headers: [.location: LocalPath.loginRedirect(path: path, query: request.uri.query)])
            }
            return Self.plain(.unauthorized, "login required\n")
        }
        var request = request
        switch request.method {
        case .get, .head:
            break
        case .post:
            let expected = isLogin ? request.cookies[ConsoleCookies.loginForm]?.value : context.session?.csrfToken
            guard let form = try await Self.checkedForm(&request, expected: expected ?? "", context: context) else {
                logger.notice("console POST refused: no valid csrf token", metadata: ["http.path": "\(path)"])
                return try context.page(
                    title: "Form expired", template: "error",
                    ["message": "This form has expired or did not come from this console, so nothing was changed. "
                        + "Load the page again and repeat.", "back": isLogin ? "/login" : "/"],
                    status: .forbidden)
            }
            context.form = form
        default:
            return Self.plain(.methodNotAllowed, "method not allowed\n")
        }
        do {
            return try await next(request, context)
        } catch let refusal as ConsoleRefusal {
            logger.notice("console action refused: missing right",
                          metadata: ["http.path": "\(path)", "right": "\(refusal.right.rawValue)"])
            return try context.page(
                title: "Not allowed", template: "error",
                ["message": "Your login lacks the right “\(refusal.right.rawValue)”, so nothing was changed."],
                status: .forbidden)
        }
    }

    /// The session and its login, nil when the token is unknown, the session idle too long or its user gone.
    private func resolve(token: String) async throws -> (ConsoleSession, Login)? {
        let services = self.services
        return try await BlockingThread.run(name: "crmservice.console-session") {
            () throws -> (ConsoleSession, Login)? in
            let now = services.now()
            let hash = ConsoleToken.hash(token)
            guard var session = try services.sessions.session(tokenHash: hash) else { return nil }
            if session.isExpired(at: now) {
                try services.sessions.deleteSession(tokenHash: hash)
                return nil
            }
            guard let login = try services.logins.login(session.user) else { return nil }
            if now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
                try services.sessions.touchSession(tokenHash: hash, at: now)
                session.lastSeenAt = now
            }
            return (session, login)
        }
    }

    /// The POST's form when its `csrf` matches `expected` (never an empty one), else nil. A urlencoded body is read
    /// and parsed (and left readable for the handler); for another body (a multipart upload) the token is taken from
    /// the query, `?csrf=`.
    static func checkedForm(_ request: inout Request, expected: String, context: ConsoleContext) async throws
        -> ConsoleForm? {
        guard !expected.isEmpty else { return nil }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/x-www-form-urlencoded") {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            guard let form = ConsoleForm(urlEncoded: String(buffer: body)) else {
                throw HTTPError(.badRequest, message: "malformed form")
            }
            return ConsoleToken.matches(form["csrf"], expected) ? form : nil
        }
        return ConsoleToken.matches(ConsoleForm(query: request.uri.query)["csrf"], expected) ? ConsoleForm() : nil
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
