import ArgumentParser
import CRMServiceApp
import Foundation
import MailMIME

/// `crmservice parse FILE... [--files-from FILE|-] [--json]` (§1, §4, §12): what the parser sees in each message.
struct ParseCommand: PathTakingCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print what the parser sees in each message.",
        discussion: """
            With --json, one JSON object a line with the fields documented in docs/json-output.md. A file that cannot be read is \
            reported on stderr and the command exits 1 after printing the others; a file that is not a message \
            still gets an object, with defects. Any number of files, as arguments or one a line from --files-from \
            (after the arguments).
            """
    )

    @Argument(help: ArgumentHelp("Message files (.eml).", valueName: "files"))
    var paths: [String] = []

    @Option(name: .customLong("files-from"),
            help: ArgumentHelp("Read more files from FILE, one a line ('-': standard input).", valueName: "file"))
    var filesFrom: String?

    @Flag(help: "Print JSON Lines instead of a readable summary.")
    var json = false

    func run() throws {
        let parser = MIMEParser(options: {
            var options = MIMEParser.Options()
            options.keepAttachmentData = false
            return options
        }())
        let out = OutputBuffer()
        var unreadable: [String] = []
        let files = try allPaths()
        for (index, file) in files.enumerated() {
            let bytes: [UInt8]
            do {
                bytes = try MessageFile.read(file)
            } catch {
                out.flush()
                printError("cannot read \(file): \(error)")
                unreadable.append(file)
                continue
            }
            let message = parser.parse(bytes)
            if json {
                out.write(ParseReport.json(file: file, message: message))
                out.write([0x0A])
            } else {
                if index > 0 { out.write("\n") }
                out.write(ParseReport.summary(file: file, message: message) + "\n")
            }
        }
        out.flush()
        if !unreadable.isEmpty {
            throw CommandFailure.failed("\(unreadable.count) of \(files.count) files could not be read")
        }
    }
}
