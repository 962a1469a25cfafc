import Foundation
import Hummingbird

/// The console's cookies (§8): all HttpOnly and SameSite=Strict, `Secure` when the console is served over TLS.
struct ConsoleCookies: Sendable {
    /// The session token (`Path=/`, no expiry: a browser session; the server ends it after 8 hours idle).
    static let session = "crm_session"
    /// The login form's double-submit token, before there is a session (`Path=/login`, one hour).
    static let loginForm = "crm_login"
    static let loginFormLifetime = 3600

    let secure: Bool

    func session(_ token: String) -> Cookie {
        Cookie(name: Self.session, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func endSession() -> Cookie {
        Cookie(name: Self.session, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func loginForm(_ token: String) -> Cookie {
        Cookie(name: Self.loginForm, value: token, maxAge: Self.loginFormLifetime, path: "/login", secure: secure,
               httpOnly: true, sameSite: .strict)
    }

    func endLoginForm() -> Cookie {
        Cookie(name: Self.loginForm, value: "", maxAge: 0, path: "/login", secure: secure, httpOnly: true,
               sameSite: .strict)
    }
}
