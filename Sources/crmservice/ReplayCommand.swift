import ArgumentParser
import CRMServiceApp
import Foundation
import Glibc

/// `crmservice replay PATH... [--files-from FILE|-] --db DB [--mailbox-name NAME] [--config FILE]` (§1, §12):
/// never-capture and capture addresses come from the configuration (none with `--db` alone).
struct ReplayCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Capture messages from .eml files, directories, mbox files and Maildir folders.",
        discussion: """
            Every message is captured exactly as if it had been fetched from the mailbox named by --mailbox-name \
            (default "replay"); its source is the path as given. Directories are read recursively in name order; a \
            file starting with "From " is an mbox (mboxo or mboxrd); a directory with cur/ or new/ is a Maildir. \
            Progress goes to standard error when it is a terminal; the summary to standard output. Replaying the \
            same files again adds nothing (they count as duplicates). Any number of paths, as arguments or one a \
            line from --files-from (after the arguments).
            """
    )

    @Argument(help: "Files and directories to replay.")
    var paths: [String] = []

    @Option(name: .customLong("files-from"),
            help: ArgumentHelp("Read more paths from FILE, one a line ('-': standard input).", valueName: "file"))
    var filesFrom: String?

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(name: .customLong("mailbox-name"), help: "The mailbox the messages are recorded as coming from.")
    var mailboxName: String = "replay"

    @Option(name: .customLong("max-message-bytes"),
            help: "A larger message is read only up to the end of its header (unmatched too_large); default capture.max_message_bytes, 64 MiB.")
    var maxMessageBytes: Int?

    func run() throws {
        let maxMessageBytes = try MaxMessageBytes.checked(self.maxMessageBytes)
        let paths = try allPaths()
        let (database, capture) = try databaseOptions.open()
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        let summary: ReplaySummary
        do {
            summary = try ReplayService(database: database, policy: capture.policy).replay(
                paths, mailbox: mailboxName, maxMessageBytes: maxMessageBytes ?? capture.maxMessageBytes
            ) { count, bytes, total in
                progress?.update(count: count, bytes: bytes, total: total)
            }
        } catch let error as ReplayError {
            progress?.finish()
            throw CommandFailure.badInput("cannot read \(error.description)")
        } catch {
            progress?.finish()
            throw CommandFailure.failed("replay failed: \(error)")
        }
        progress?.finish()
        print(summary.text)
        for skipped in summary.skipped { printError("skipped \(skipped.description)") }
        for path in summary.unreadable { printError("cannot read \(path)") }
        if !summary.unreadable.isEmpty {
            throw CommandFailure.failed("\(summary.unreadable.count) files could not be read")
        }
    }
}

/// The progress line on a terminal: count, rate and estimated time left (by bytes read).
final class ProgressLine {
    private let start = Date()

    func update(count: Int, bytes: Int64, total: Int64) {
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(count) / elapsed
        var eta = "?"
        if bytes > 0, total >= bytes {
            let left = Int(elapsed * Double(total - bytes) / Double(bytes))
            eta = String(format: "%d:%02d", left / 60, left % 60)
        }
        let line = "\r\u{1B}[K\(count) messages, \(Int(rate))/s, ETA \(eta)"
        Array(line.utf8).withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    func finish() {
        Array("\r\u{1B}[K".utf8).withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
