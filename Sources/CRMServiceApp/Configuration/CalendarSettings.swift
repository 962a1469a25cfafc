import Foundation
import CalendarSync
import CRMCore

/// The `calendars:` section (§9): the CalDAV server holding each user's calendar, the service account's credential,
/// and the conflict policy. Absent: no calendar sync (the `calendar-sync` job is off, `calendar sync` refuses).
public struct CalendarSettings: Sendable, Equatable {
    /// Each user's collection, with `{email}` (the user's first address) or `{user}` (its id) in it.
    public var url: String
    /// The login; nil with a token file (a bearer token needs none).
    public var user: String?
    public var passwordFile: String?
    public var tokenFile: String?
    public var cacert: String?
    public var conflict: ConflictPolicy
    /// The users to sync; nil: every user with an address.
    public var users: [UserID]?

    public init(url: String, user: String? = nil, passwordFile: String? = nil, tokenFile: String? = nil,
                cacert: String? = nil, conflict: ConflictPolicy = .newest, users: [UserID]? = nil) {
        self.url = url
        self.user = user
        self.passwordFile = passwordFile
        self.tokenFile = tokenFile
        self.cacert = cacert
        self.conflict = conflict
        self.users = users
    }

    /// The collection URL of a user: `{email}` and `{user}` replaced (percent-encoded: `@` stays, as CalDAV servers
    /// name principals by address).
    public func collectionURL(user: UserID, email: EmailAddress?) -> String {
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text
        }
        return url.replacingOccurrences(of: "{email}", with: encoded(email?.value ?? ""))
            .replacingOccurrences(of: "{user}", with: encoded(user.rawValue))
    }
}

extension CalendarSettings {
    /// Reads `calendars.*`; nil when the section is absent or wrong (problems recorded).
    init?(reading settings: inout SettingsReader) {
        guard settings.fileKeys.contains(where: { $0 == "calendars" || $0.hasPrefix("calendars.") }) else { return nil }
        settings.section("calendars")
        var valid = true
        let url = settings.text("calendars.url")
        if let url {
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                settings.problem("calendars.url", "\"\(url)\" is not an http:// or https:// URL")
                valid = false
            }
        } else {
            settings.problem("calendars.url", "is required")
            valid = false
        }
        let user = settings.text("calendars.user")
        let passwordFile = settings.path("calendars.password_file")
        let tokenFile = settings.path("calendars.token_file")
        switch (passwordFile, tokenFile) {
        case (nil, nil):
            settings.problem("calendars.password_file", "give password_file or token_file")
            valid = false
        case (.some, .some):
            settings.problem("calendars.token_file", "give password_file or token_file, not both")
            valid = false
        case (.some, nil) where user == nil:
            settings.problem("calendars.user", "is required with password_file")
            valid = false
        default:
            break
        }
        let cacert = settings.path("calendars.cacert")
        var conflict = ConflictPolicy.newest
        if let text = settings.text("calendars.conflict") {
            if let policy = ConflictPolicy(rawValue: text) { conflict = policy } else {
                settings.problem("calendars.conflict", "\"\(text)\" is not newest, crm or calendar")
                valid = false
            }
        }
        let users = settings.list("calendars.users").map { UserID($0) }
        guard valid, let url else { return nil }
        self.init(url: url, user: user, passwordFile: passwordFile, tokenFile: tokenFile, cacert: cacert,
                  conflict: conflict, users: users.isEmpty ? nil : users)
    }
}
