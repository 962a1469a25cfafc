import CRMCore
import Foundation
import Hummingbird

/// The request context of every admin HTTP route. The console's middleware fills it before a page handler runs:
///
/// - `login`/`session`: the logged-in user and its session; always set in a console route other than `/login` and
///   `/static/…` (a request without a valid session never reaches those handlers).
/// - `form`: a POST's fields, already checked against the session's CSRF token (a POST whose `csrf` is missing or
///   wrong is answered 403 before any handler runs, so no handler can forget the check).
///
/// Page handlers call `require(_:)` before they act, `page(title:template:_:)` to answer with HTML, and
/// `redirect(to:)` after a POST.
public struct ConsoleContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in user; nil only on `/login`, `/static/…`, `/healthz` and `/metrics`.
    public var login: Login?
    /// The session of `login`.
    public var session: ConsoleSession?
    /// The fields of a POST (`application/x-www-form-urlencoded`), CSRF-checked; empty for other requests. For a
    /// multipart POST (an upload) the token comes from the query (`?csrf=`) and the body is left to the handler.
    public var form: ConsoleForm
    /// The templates and cookie settings, set by the console middleware.
    var environment: ConsoleEnvironment?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        form = ConsoleForm()
    }

    /// Console uploads (CSV imports) may be larger than Hummingbird's 2 MB default.
    public var maxUploadSize: Int { 32 << 20 }

    /// The logged-in user when it has `right` (`admin` has them all); otherwise throws `ConsoleRefusal`, which the
    /// console answers with a 403 page (nothing changed). Call it before acting, never after.
    @discardableResult
    public func require(_ right: LoginRight) throws(ConsoleRefusal) -> Login {
        guard let login else { throw ConsoleRefusal(right: right, user: nil) }
        guard login.rights.allows(right) else { throw ConsoleRefusal(right: right, user: login.user) }
        return login
    }

    /// Whether the logged-in user may act with `right` (for showing or hiding a button; acting still calls `require`).
    public func can(_ right: LoginRight) -> Bool { login?.rights.allows(right) ?? false }

    /// The logged-in user's id as the audit log's actor (`""` outside a session, which a console route never sees).
    public var actor: String { login?.user.rawValue ?? "" }

    /// The page `template` (a name of `ConsoleTemplates.all`) inside the layout, as a `text/html` response with the
    /// console's headers. `data` is what the template sees (a struct, or a `[String: Any]`; not an array); the layout's
    /// values are visible in it too: `csrf` (put it in every form as `<input type="hidden" name="csrf"
    /// value="{{csrf}}">`), `user.name`, `can.review` (… one Bool per right, camel case: `can.ratingRules`).
    public func page(title: String, template: String, _ data: Any = [String: Any](),
                     status: HTTPResponse.Status = .ok) throws -> Response {
        guard let environment else { throw ConsoleSetupError(what: "the console middleware did not run") }
        return try environment.pages.response(title: title, template: template, data: data, context: self,
                                              status: status)
    }

    /// 303 See Other to `location` (a local path): the answer to a POST that did its work.
    public func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// The console was wired wrongly (a programming error, answered with 500).
public struct ConsoleSetupError: Error, CustomStringConvertible {
    public var what: String
    public var description: String { "console setup: \(what)" }
}
