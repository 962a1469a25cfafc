/// Why a message was not sent. Holds libcurl's message and the server's reply code, never a secret.
public struct SMTPSendError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The server answered the message with an error (a recipient, the sender or the data refused): the next
        /// message may still go through.
        case refused
        /// Connecting, TLS (or STARTTLS missing), logging in or the connection itself failed: nothing more can be
        /// sent on this run.
        case connection
    }

    public var kind: Kind
    /// The server's last reply code (550…), 0 when there was none.
    public var replyCode: Int
    /// libcurl's error text (`RCPT failed: 550`, `STARTTLS not supported.`).
    public var message: String

    public var description: String {
        replyCode == 0 ? "\(kind.rawValue): \(message)" : "\(kind.rawValue) (\(replyCode)): \(message)"
    }
}
