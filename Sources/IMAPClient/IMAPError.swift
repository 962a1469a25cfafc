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
    /// The server's tagged reply to the failed command, without its tag (`NO [TRYCREATE] Mailbox doesn't exist`);
    /// nil when the server sent none (a dropped connection, a timeout).
    public var serverReply: String?
    /// The response code of that reply (`TRYCREATE`, RFC 3501 §7.1), upper-cased.
    public var responseCode: String?

    public init(kind: PollErrorKind, message: String, curlCode: Int? = nil, serverReply: String? = nil,
                responseCode: String? = nil) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
        self.serverReply = serverReply
        self.responseCode = responseCode
    }

    /// The server asked for the target folder to be created first (`[TRYCREATE]`, RFC 3501 §6.4.7).
    public var asksToCreate: Bool { responseCode == "TRYCREATE" }

    public var description: String { "\(kind.rawValue): \(message)" }
}
