import ArgumentParser
import CRMCore
import CRMServiceApp
import Foundation

/// `crmservice archive run|list|download|delete|restore` (§10).
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive old activities, closed unmatched entries and job runs; download, delete or restore archives.",
        subcommands: [Run.self, List.self, Download.self, Delete.self, Restore.self]
    )

    /// `archive run [--months N] [--as-of YYYY-MM-DD]`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move what is dated more than N months before the as-of day into a new archive.")
        @Option(help: "Months (at least 12; default jobs.archive.months, 24 without a configuration).") var months: Int?
        @Option(help: "The day the months count back from (default today, UTC).") var asOf: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let configuration = try database.configuration()
            let store = try openDatabase(try database.location(in: configuration))
            let acting = try actor.resolve(in: store, needs: .archive)
            let day: Day
            if let asOf {
                guard let parsed = Day(rawValue: asOf) else { throw CommandFailure.badInput("--as-of: \(asOf) is no YYYY-MM-DD day") }
                day = parsed
            } else {
                day = Day(utc: Date())
            }
            let months = months ?? configuration?.jobs.archiveMonths ?? 24
            try archiveFailures {
                guard let record = try ArchiveService(database: store).run(months: months, asOf: day, actor: acting.name) else {
                    print("nothing dated before the cutoff: no archive made")
                    return
                }
                print("archive \(record.id): \(record.activities) activities, \(record.unmatched) unmatched, "
                    + "\(record.jobRuns) job runs before \(record.cutoff); \(record.bytes) bytes, sha256 \(record.sha256)")
            }
        }
    }

    /// `archive list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the archives: id, state, created, by, cutoff, counts, bytes (tab-separated).")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openStore()
            try archiveFailures {
                for a in try ArchiveService(database: store).list() {
                    print([a.id.description, a.state.rawValue, ISO8601.utcString(a.createdAt), a.createdBy, a.cutoff,
                           "\(a.activities) activities", "\(a.unmatched) unmatched", "\(a.jobRuns) job runs",
                           "\(a.bytes) bytes"].joined(separator: "\t"))
                }
            }
        }
    }

    /// What download, delete and restore share: the archive, `--as` and the password.
    struct Protected: ParsableArguments {
        @Argument(help: "The archive's id.") var id: String
        @Option(name: .customLong("as"), help: ArgumentHelp("The user acting (right archive); their password is asked.",
                                                            valueName: "user"))
        var user: String?
        @Option(help: "Read the user's password from this file (owner-only) instead of the terminal.") var passwordFile: String?

        func archiveID() throws -> ArchiveID {
            guard let id = ArchiveID(id) else { throw CommandFailure.badInput("ID: \(id) is not an archive id") }
            return id
        }

        func credentials() -> ArchiveCredentials {
            ArchiveCredentials(user: user) { [passwordFile, user] in
                if let passwordFile { return try SecretFile.read(passwordFile).value }
                return try TerminalPassword.read(prompt: "Password of \(user ?? ""): ", again: "Again: ")
            }
        }
    }

    /// `archive download ID --out FILE`.
    struct Download: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the archive as a ZIP file.")
        @OptionGroup var protected: Protected
        @Option(help: "The ZIP file to write.") var out: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openStore()
            let id = try protected.archiveID()
            try archiveFailures {
                try ArchiveService(database: store).download(id, to: out, credentials: protected.credentials())
                print("archive \(id) written to \(out)")
            }
        }
    }

    /// `archive delete ID`.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop the archive's data for good (the record stays, state deleted) and return the space.")
        @OptionGroup var protected: Protected
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openStore()
            let id = try protected.archiveID()
            try archiveFailures {
                _ = try ArchiveService(database: store).delete(id, credentials: protected.credentials())
                print("archive \(id) deleted")
            }
        }
    }

    /// `archive restore ID`.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring everything the archive holds back as it was.")
        @OptionGroup var protected: Protected
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.openStore()
            let id = try protected.archiveID()
            try archiveFailures {
                _ = try ArchiveService(database: store).restore(id, credentials: protected.credentials())
                print("archive \(id) restored")
            }
        }
    }
}

/// Refusals and bad input exit 2, anything else 1.
private func archiveFailures(_ body: () throws -> Void) throws {
    do { try body() } catch let error as CommandFailure {
        throw error
    } catch let error as ArchiveRefused {
        throw CommandFailure.badInput(error.description)
    } catch let error as ArchiveUnavailable {
        throw CommandFailure.badInput(error.description)
    } catch let error as ArchiveInputError {
        throw CommandFailure.badInput(error.description)
    } catch {
        throw CommandFailure.failed("archive: \(error)")
    }
}
