import ArgumentParser
import CRMServiceApp
import Foundation

/// `crmservice poll --db DB --url URL --user U (--password-file F | --oauth2-token-file F) [--mailbox-name NAME]
/// [--cacert F] [--after seen|move:FOLDER|none] [--since YYYY-MM-DD] [--once]` (§1, issue #4).
struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll one IMAP mailbox and capture its new mail.",
        discussion: """
            The URL names the folder: imaps://HOST[:PORT]/FOLDER, or imap://HOST[:PORT]/FOLDER with STARTTLS \
            (required). The mailbox is recorded as --mailbox-name, by default USER@HOST/FOLDER; its checkpoint \
            (UIDVALIDITY and last UID) is kept under that name, so keep the name when the server's port changes. \
            The secret file is read again before every poll and must be readable by its owner only (chmod 600). \
            After a message's outcome is committed it is marked \\Seen (--after seen, the default), moved \
            (move:FOLDER), or left as it was (none). --since limits the first poll to mail received since that day. \
            Without --once it polls every 60 seconds until SIGTERM or SIGINT, backing off after failures (1 s to \
            5 min; 15 min after a denied login); the message in hand is committed before it exits. One summary line \
            a poll goes to standard output; failures to standard error. Exit 1 when --once fails (or the \
            scheduler is in standby), 2 for bad options or files.
            """
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "The mailbox: imaps://HOST[:PORT]/FOLDER or imap://HOST[:PORT]/FOLDER (STARTTLS).")
    var url: String

    @Option(help: "The login.")
    var user: String

    @Option(name: .customLong("password-file"), help: "A file holding the password (mode 600).")
    var passwordFile: String?

    @Option(name: .customLong("oauth2-token-file"), help: "A file holding an OAuth 2 bearer token for XOAUTH2 (mode 600).")
    var oauth2TokenFile: String?

    @Option(name: .customLong("mailbox-name"), help: "The name recorded as the messages' source (default USER@HOST/FOLDER).")
    var mailboxName: String?

    @Option(help: "A CA bundle to verify the server with (default: the system's).")
    var cacert: String?

    @Option(help: "What to do with a message once captured: seen, move:FOLDER or none.")
    var after: String?

    @Option(help: "Only mail received since this day (YYYY-MM-DD), on the mailbox's first poll.")
    var since: String?

    @Option(name: .customLong("max-message-bytes"),
            help: "A larger message is fetched only as its header (unmatched too_large); default capture.max_message_bytes, 64 MiB.")
    var maxMessageBytes: Int?

    @Flag(help: "Poll once and exit (1 when the poll fails).")
    var once = false

    @Option(name: .customLong("interval-seconds"), help: .hidden)
    var intervalSeconds: Int = 60

    /// Messages per transaction (default 50; the benchmark compares 1).
    @Option(name: .customLong("batch-size"), help: .hidden)
    var batchSize: Int?

    /// One `UID FETCH` a message instead of one a batch (the benchmark compares both).
    @Flag(name: .customLong("fetch-one-by-one"), help: .hidden)
    var fetchOneByOne = false

    func run() async throws {
        let maxMessageBytes = try MaxMessageBytes.checked(self.maxMessageBytes)
        let request: PollRequest
        do {
            request = try PollRequest(
                url: url, user: user, passwordFile: passwordFile, oauth2TokenFile: oauth2TokenFile,
                mailboxName: mailboxName, cacert: cacert, after: after, since: since,
                intervalSeconds: max(1, intervalSeconds))
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        let (database, capture) = try databaseOptions.open()
        let logger = PollRunner.standardErrorLogger()
        let mailbox = request.settings.name
        let service = MailboxPolling.service(
            request.settings, database: database, policy: capture.policy,
            maxMessageBytes: maxMessageBytes ?? capture.maxMessageBytes, logger: logger,
            batchSize: batchSize.map { max(1, $0) }, fetchInBatches: !fetchOneByOne,
            onEvent: { event in
                switch event {
                case .polled(let summary, _): printLine("\(mailbox): \(summary.text)")
                case .failed(let failure, let next):
                    printError("poll of \(mailbox) failed: \(failure.description); next try in \(PollRunner.waitText(next))")
                case .standby, .stopRequested, .leaseHeldElsewhere: break
                }
            })
        if once {
            switch await PollRunner.once(service) {
            case .polled(let summary):
                printLine("\(mailbox): \(summary.text)")
            case .failed(let failure):
                if failure.summary.outcomes.messages > 0 { printLine("\(mailbox): \(failure.summary.text)") }
                throw CommandFailure.failed("poll of \(mailbox) failed: \(failure.description)")
            case .standby:
                throw CommandFailure.failed("the scheduler is in standby: nothing polled (crmservice jobs resume)")
            case .notHeld(let holder): // `poll` takes no lease; kept for completeness
                throw CommandFailure.failed("the mailbox is held by \(holder?.rawValue ?? "another instance")")
            }
        } else {
            do { try await PollRunner.untilSignalled(service, logger: logger) } catch {
                throw CommandFailure.failed("poll of \(mailbox): \(error)")
            }
        }
    }
}

/// Writes one line to standard output at once (summary lines of a long-running poll must not wait in a buffer).
private func printLine(_ text: String) {
    let output = OutputBuffer()
    output.write(text + "\n")
    output.flush()
}
