import Hummingbird
import Logging

/// Refuses with 401 and a basic-auth challenge every request without valid credentials, except those whose path is in
/// `open` (they check credentials themselves).
struct BasicAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let authenticator: BasicAuthenticator
    let open: Set<String>
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response {
        if open.contains(request.uri.path) { return try await next(request, context) }
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
