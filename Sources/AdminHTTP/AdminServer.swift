import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The admin HTTP server of `crmservice run` (Hummingbird), a `Service` of the service group.
///
/// Routes:
/// - `GET /healthz`: `HealthReport` as JSON, 200 when `ok`, 503 when `degraded`. Without credentials it answers with
///   the status only, so a load balancer or monitor needs no password; with valid credentials it adds every
///   mailbox's detail; with wrong ones it is 401.
/// - `GET /metrics`: the Prometheus text format (`text/plain; version=0.0.4`). Authenticated.
/// - Everything else is the console (§8, `ConsoleRoutes`) when `console` is given: its own logins and sessions, no
///   basic auth. Without it, anything else is 404.
///
/// Authentication of `/healthz` and `/metrics` is HTTP basic (`BasicAuthenticator`): user `admin`, the password of
/// `admin.password_file` (the metrics scraper's). Every answer carries the console's security headers.
public struct AdminServer: Service {
    /// Where the server listens.
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        /// 0 asks the system for a free port (tests); `onServerRunning` gets the real one.
        public var port: Int
        /// Whether the server speaks HTTPS (set by the server from its `tls`).
        public var secure: Bool

        public init(host: String = "127.0.0.1", port: Int = 8025, secure: Bool = false) {
            self.host = host
            self.port = port
            self.secure = secure
        }

        /// `http://127.0.0.1:8025/` (`https` with TLS; an IPv6 host in brackets).
        public var description: String {
            let scheme = secure ? "https" : "http"
            return host.contains(":") ? "\(scheme)://[\(host)]:\(port)/" : "\(scheme)://\(host):\(port)/"
        }
    }

    public let address: Address
    let state: AdminState
    let authenticator: BasicAuthenticator
    let console: ConsoleServices?
    let tls: AdminTLS?
    let pages: ConsolePages
    let logger: Logger
    let onServerRunning: @Sendable (Address) async -> Void

    /// `password`: the basic-auth password of user `admin` (from `admin.password_file`). `onServerRunning` is called
    /// with the bound address (its real port) once the server accepts connections. `console`: the ports of the console;
    /// nil serves `/healthz` and `/metrics` only. `tls`: serve HTTPS (and mark the console's cookies `Secure`).
    /// Throws when a console template does not parse.
    public init(address: Address, password: String, state: AdminState, console: ConsoleServices? = nil,
                tls: AdminTLS? = nil, logger: Logger,
                onServerRunning: @escaping @Sendable (Address) async -> Void = { _ in }) throws(ConsoleTemplateError) {
        var address = address
        address.secure = tls != nil
        self.address = address
        self.tls = tls
        self.state = state
        self.authenticator = BasicAuthenticator(password: password)
        self.console = console
        self.pages = try ConsolePages()
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    /// Serves until graceful shutdown (or cancellation).
    public func run() async throws {
        try await makeApplication().run()
    }

    /// The Hummingbird application (itself a `Service`).
    public func makeApplication() throws -> some ApplicationProtocol {
        let address = self.address
        let logger = self.logger
        let onServerRunning = self.onServerRunning
        return Application(
            router: makeRouter(),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1(),
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port), serverName: "crmservice"),
            onServerRunning: { channel in
                var bound = address
                if let port = channel.localAddress?.port { bound.port = port }
                logger.notice("admin HTTP server listening", metadata: ["admin.address": "\(bound)"])
                await onServerRunning(bound)
            },
            logger: logger)
    }

    /// The routes and their middleware: security headers on everything, basic auth on `/metrics`, the console's
    /// session gate on the console.
    func makeRouter() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: BasicAuthMiddleware(
            authenticator: authenticator, protected: ["/metrics"], logger: logger))
        if let console {
            let environment = ConsoleEnvironment(pages: pages, cookies: ConsoleCookies(secure: tls != nil))
            router.add(middleware: ConsoleSessionMiddleware(
                services: console, environment: environment, logger: logger))
            ConsoleRoutes.add(to: router, services: console)
        }
        let state = self.state
        let authenticator = self.authenticator
        router.get("/healthz") { request, _ -> Response in
            let verdict = authenticator.verdict(for: request)
            if verdict == .refused { return BasicAuthenticator.unauthorized() }
            let report = HealthReport(mailboxes: state.snapshot(), detailed: verdict == .accepted,
                                      leases: state.heldLeases.snapshot(), instances: state.instancesSnapshot())
            return Response(
                status: HTTPResponse.Status(code: report.httpStatus),
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: report.json() + "\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: state.metricsText())))
        }
        return router
    }
}
