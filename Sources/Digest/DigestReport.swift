import CRMCore

/// What a digest run did, for the command's output and the job's run log. Names users by id, never by address.
public struct DigestReport: Sendable {
    /// A user whose digest was not sent, and why; their entries stay unsent for the next run.
    public struct Failure: Sendable {
        public var user: UserID
        public var error: SMTPSendError
    }

    /// Users whose digest the server accepted (or, on a dry run, would have been sent), with the entries listed.
    public var sent: [(user: UserID, entries: Int)] = []
    /// Users the server refused (a recipient refused, 550…): the others were still sent theirs.
    public var refused: [Failure] = []
    /// The connection failed (STARTTLS missing, TLS, login, unreachable): the users left were not sent theirs.
    public var stoppedBy: SMTPSendError?
    public var notAttempted: [UserID] = []
    public var dryRun = false

    public init() {}

    /// One line a fact, for the run log and the command's output.
    public var lines: [String] {
        var lines = sent.map { "\(dryRun ? "would send" : "sent") digest to user \($0.user): \($0.entries) entr\($0.entries == 1 ? "y" : "ies")" }
        lines += refused.map { "digest to user \($0.user) refused by the server, kept for the next run: \($0.error)" }
        if let stoppedBy {
            lines.append("stopped: \(stoppedBy); not sent: \(notAttempted.map(\.rawValue).joined(separator: ", "))")
        }
        if sent.isEmpty && refused.isEmpty && stoppedBy == nil { lines.append("nothing to send") }
        return lines
    }
}
