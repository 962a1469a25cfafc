import Capture
import Foundation
import IMAPClient

/// The options of `crmservice poll`, checked: a mailbox the poller can be built for.
public struct PollRequest: Sendable {
    public var settings: MailboxSettings

    /// Checks the options (URL, one secret file that only its owner may read, CA file, after-action, day) and names
    /// the mailbox `USER@HOST/FOLDER` unless `mailboxName` is given.
    public init(
        url: String, user: String, passwordFile: String?, oauth2TokenFile: String?, mailboxName: String?,
        cacert: String?, after: String?, since: String?, intervalSeconds: Int = 60
    ) throws(PollInputError) {
        guard MailboxSettings.isMailboxURL(url), let parts = Self.split(url) else {
            let shown = url.contains("@") ? "<a URL with user information>" : "\"\(url)\"" // it may hold a password
            throw PollInputError(option: "--url", message: "\(shown) is not imaps://HOST[:PORT]/FOLDER or imap://HOST[:PORT]/FOLDER")
        }
        do { _ = try IMAPEndpoint(url: url, user: user, credential: .password("")) } catch {
            throw PollInputError(option: "--url", message: error.description) // what the IMAP client cannot use
        }
        guard !user.isEmpty else { throw PollInputError(option: "--user", message: "is empty") }
        let secretOption: String
        switch (passwordFile, oauth2TokenFile) {
        case (nil, nil):
            throw PollInputError(option: "--password-file", message: "give --password-file or --oauth2-token-file")
        case (.some, .some):
            throw PollInputError(option: "--oauth2-token-file", message: "give --password-file or --oauth2-token-file, not both")
        case (.some, nil): secretOption = "--password-file"
        case (nil, .some): secretOption = "--oauth2-token-file"
        }
        do { _ = try SecretFile.read(passwordFile ?? oauth2TokenFile!) } catch {
            throw PollInputError(option: secretOption, message: error.description)
        }
        if let cacert, !FileManager.default.isReadableFile(atPath: cacert) {
            throw PollInputError(option: "--cacert", message: "cannot read \(cacert)")
        }
        var action = MailboxSettings.AfterCapture.seen
        if let after {
            guard let parsed = MailboxSettings.AfterCapture(after) else {
                throw PollInputError(option: "--after", message: "\"\(after)\" is not seen, none or move:FOLDER")
            }
            action = parsed
        }
        if let since, !MailboxSettings.isDay(since) {
            throw PollInputError(option: "--since", message: "\"\(since)\" is not a day YYYY-MM-DD")
        }
        if let mailboxName, mailboxName.isEmpty {
            throw PollInputError(option: "--mailbox-name", message: "is empty")
        }
        settings = MailboxSettings(
            name: mailboxName ?? "\(user)@\(parts.host)/\(parts.folder)", url: url, user: user, passwordFile: passwordFile,
            oauth2TokenFile: oauth2TokenFile, cacert: cacert, after: action, since: since, intervalSeconds: intervalSeconds)
    }

    /// The host (without port) and the folder of a mailbox URL already checked by `isMailboxURL`.
    static func split(_ url: String) -> (host: String, folder: String)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        var authority = rest[..<slash]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring = if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            authority[...close]
        } else {
            authority.split(separator: ":", maxSplits: 1).first ?? authority
        }
        var folder = String(rest[rest.index(after: slash)...])
        if let semicolon = folder.firstIndex(of: ";") { folder = String(folder[..<semicolon]) }
        folder = folder.removingPercentEncoding ?? folder
        while folder.hasSuffix("/") { folder.removeLast() }
        guard !host.isEmpty, !folder.isEmpty else { return nil }
        return (host.lowercased(), folder)
    }
}

extension MailboxSettings.AfterCapture {
    /// The poller's after-action.
    var action: AfterCaptureAction {
        switch self {
        case .seen: .seen
        case .none: .none
        case .move(let folder): .move(folder: folder)
        }
    }
}
