import Hummingbird
import Logging

/// Refuses with 401 and a basic-auth challenge every request for a path in `protected` (`/metrics`) without valid
/// credentials; other paths pass (the console has its own login, `/healthz` checks credentials itself).
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let authenticator: BasicAuthenticator
    let protected: Set<String>
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response {
        if !protected.contains(request.uri.path) { return try await next(request, context) }
        switch authenticator.verdict(for: request) {
        case .accepted:
            return try await next(request, context)
        case .missing:
            return BasicAuthenticator.unauthorized()
        case .refused:
            // Neither the header nor the password it carries is logged.
            logger.notice("admin HTTP request refused: wrong credentials", metadata: ["http.path": "\(request.uri.path)"])
            return BasicAuthenticator.unauthorized()
        }
    }
}

extension BasicAuthenticator {
    /// 401 with `WWW-Authenticate: Basic realm="crmservice admin", charset="UTF-8"`.
    static func unauthorized() -> Response {
        Response(
            status: .unauthorized,
            headers: [.wwwAuthenticate: challenge, .contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "authentication required\n")))
    }
}
