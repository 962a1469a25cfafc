import ArgumentParser
import CRMServiceApp
import Foundation

/// `crmservice digest send --config FILE [--dry-run]` (§1, §11).
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Each user's digest of their mail that found no customer.",
        subcommands: [Send.self]
    )

    /// `digest send`.
    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mail each user the mail captured since their last digest that found no customer.",
            discussion: """
                One message a user (nothing to a user with nothing to list): what they sent that became unmatched \
                no_contact_recipient, and what reached them from unknown senders (unknown_sender), each with a link \
                to its page in the console (admin.public_url). An entry is listed to a user once; it is recorded \
                only when the server accepted that user's message. The configuration's `digest` section says how \
                to send (see docs/digest.md). Exit 1 when the connection failed or a user's message was refused \
                (the others were still sent; the refused user's entries wait for the next run).
                """)

        @Option(help: "The service configuration (YAML) with a `digest` section and admin.public_url.")
        var config: String

        @Option(help: "The database (a SQLite file or postgres://…); wins over the configuration's database.path or database.url.")
        var db: String?

        @Option(name: .customLong("db-password-file"), help: "The PostgreSQL password file for --db postgres://….")
        var dbPasswordFile: String?

        @Flag(help: "Print the messages that would be sent; send and record nothing.")
        var dryRun = false

        func run() async throws {
            let configuration: ServiceConfiguration
            do { configuration = try ServiceConfiguration(contentsOf: config) } catch {
                throw CommandFailure.badInput(error.description)
            }
            // Refused before any database is opened (or created).
            guard configuration.digest != nil, configuration.admin.publicURL != nil else {
                throw CommandFailure.badInput(
                    "\(config): digest: is required to send digests (smtp_url, from; and admin.public_url)")
            }
            let location: StoreLocation?
            do {
                location = try DatabaseChoice.location(db: db, passwordFile: dbPasswordFile, configuration: configuration.database)
            } catch {
                throw CommandFailure.badInput(error.description)
            }
            let store = try openDatabase(location ?? configuration.database.location)
            let sending: DigestSending
            do {
                sending = try DigestSending(configuration: configuration, file: config, database: store)
                _ = try sending.makeRun()
            } catch {
                throw CommandFailure.badInput(error.description)
            }
            let report = try await sending.send(dryRun: dryRun, print: { print($0) })
            for line in report.lines { printError(line) }
            if let stopped = report.stoppedBy { throw CommandFailure.failed("digest send: \(stopped)") }
            if !report.refused.isEmpty {
                throw CommandFailure.failed("digest send: \(report.refused.count) user(s) refused by the server")
            }
        }
    }
}
