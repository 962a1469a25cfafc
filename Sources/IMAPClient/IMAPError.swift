import CRMCore

/// A failed IMAP operation: its kind (for metrics) and a message that names the server and folder and never holds the
/// password or token.
public struct IMAPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the poller's vocabulary.
    public var kind: PollErrorKind
    /// What was attempted where, and why it failed.
    public var message: String
    /// The libcurl result code, when libcurl reported the failure.
    public var curlCode: Int?

    public init(kind: PollErrorKind, message: String, curlCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
