import CRMCore

/// The poll error kinds of the IMAP client's errors.
enum IMAPErrorKinds {
    /// The kind and message of an error thrown by the IMAP session, nil when it is not one of the client's.
    static func classify(_ error: any Error) -> (kind: PollErrorKind, message: String)? {
        nil // filled in once CurlMailboxSession is merged
    }
}

extension MailboxPolling {
    /// Opens a `CurlMailboxSession` (filled in once it is merged).
    public static let imapSession: SessionOpener = { settings, _ in
        throw PollInputError(option: "--url", message: "no IMAP client in this build")
    }
}
