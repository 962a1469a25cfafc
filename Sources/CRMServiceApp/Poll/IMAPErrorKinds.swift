import CRMCore
import IMAPClient

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
