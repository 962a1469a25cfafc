import CRMCore
import IMAPClient
import Logging

/// The poll error kinds of the IMAP client's errors.
enum IMAPErrorKinds {
    /// The kind and message of an error thrown by the IMAP client, nil when it is not one of the client's.
    static func classify(_ error: any Error) -> (kind: PollErrorKind, message: String)? {
        switch error {
        case let error as IMAPError: (error.kind, error.message)
        case let error as InvalidIMAPURL: (.protocolError, error.description)
        default: nil
        }
    }
}

extension MailboxPolling {
    /// Opens a `CurlMailboxSession` on the mailbox of `settings`: the secret is a password, or a bearer token for
    /// XOAUTH2 when the settings name an `oauth2_token_file`.
    public static let imapSession: SessionOpener = { settings, secret in
        let credential: IMAPEndpoint.Credential = settings.oauth2TokenFile != nil
            ? .oauth2Bearer(secret.value) : .password(secret.value)
        let endpoint = try IMAPEndpoint(url: settings.url, user: settings.user, credential: credential,
                                        caCertificatePath: settings.cacert)
        return CurlMailboxSession(endpoint: endpoint, logger: Logger(label: "crmservice.imap"))
    }
}
