import ArgumentParser
import CRMServiceApp
import Foundation

/// `crmservice db copy|compare|status` (issue 14): moving an installation between SQLite and PostgreSQL, and what
/// an administrator needs to know about a database before and after.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move an installation to another database (SQLite or PostgreSQL), compare two, or show one's state.",
        subcommands: [Copy.self, Compare.self, Status.self]
    )

    /// `--from`, `--to` and their password files.
    struct Locations: ParsableArguments {
        @Option(help: "The database copied from: sqlite:PATH (must exist) or postgres://USER@HOST:PORT/DB?sslmode=MODE.")
        var from: String

        @Option(help: "The database copied to: sqlite:PATH (created) or postgres://… (migrated, and empty).")
        var to: String

        @Option(help: "The password of --from, when PostgreSQL (a file of mode 0600; else $CRMSERVICE_DATABASE_PASSWORD_FILE).")
        var fromPasswordFile: String?

        @Option(help: "The password of --to, when PostgreSQL (a file of mode 0600; else $CRMSERVICE_DATABASE_PASSWORD_FILE).")
        var toPasswordFile: String?

        func resolve() throws -> DatabaseCopy {
            let environment = ProcessInfo.processInfo.environment
            func location(_ argument: String, flag: String, passwordFile: String?) throws -> StoreLocation {
                let password = DatabaseChoice.passwordFile(flag: passwordFile, flagName: "\(flag)-password-file",
                                                           environment: environment, configuration: nil)
                do {
                    // Two connections are all a copy uses.
                    return try DatabaseChoice.parse(argument, flag: flag, barePath: false, passwordFile: password, poolSize: 2)
                } catch {
                    throw CommandFailure.badInput(error.description)
                }
            }
            return DatabaseCopy(from: try location(from, flag: "--from", passwordFile: fromPasswordFile),
                                to: try location(to, flag: "--to", passwordFile: toPasswordFile))
        }
    }

    /// `db copy --from … --to …`.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every row of one database into a new, empty one, then compare every export of both.",
            discussion: """
                Stop the service first (nothing may write to either database meanwhile). The target is created and \
                migrated if needed and must hold no data: a target with rows is refused (exit 2) and nothing is \
                written. All rows are copied in one transaction of the target: a failure or an interruption leaves \
                it empty, and the copy is simply run again. Then every export (each KIND of `crmservice export`, \
                in jsonl and csv) of both databases is compared byte for byte and printed as a table; exit 1 when \
                one differs (the work failed: the target is not a faithful copy; do not switch to it).

                Examples:
                  crmservice db copy --from sqlite:/var/lib/crmservice/crmservice.sqlite \\
                      --to 'postgres://crm@db.example:5432/crm?sslmode=verify-full' --to-password-file /etc/crmservice/db-password
                  crmservice db copy --from sqlite:crm.sqlite --to sqlite:backup.sqlite
                """)

        @OptionGroup var locations: Locations

        func run() throws {
            let copy = try locations.resolve()
            let outcome: DatabaseCopy.Outcome
            do { outcome = try copy.run() } catch let refused as DatabaseCopyRefused {
                throw CommandFailure.badInput(refused.description)
            } catch let unverified as DatabaseCopyUnverified {
                throw CommandFailure.failed("db copy: \(unverified)")
            } catch {
                throw CommandFailure.failed("db copy: \(error); the target holds nothing of it")
            }
            print("copied \(outcome.totalRows) rows in \(outcome.tables.count) tables from \(copy.source.shown) to \(copy.target.shown)")
            print(outcome.comparison.table, terminator: "")
            try Self.verdict(outcome.comparison, verb: "the copy")
        }

        /// Exit 1 when an export differs.
        static func verdict(_ comparison: ExportComparison, verb: String) throws {
            let differing = comparison.lines.filter { !$0.equal }
            guard differing.isEmpty else {
                let names = differing.map { "\($0.kind.rawValue) (\($0.format.rawValue))" }.joined(separator: ", ")
                throw CommandFailure.failed("verification failed: \(differing.count) exports differ: \(names)")
            }
            print("every export is equal: \(verb) is complete")
        }
    }

    /// `db compare --from … --to …`.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare every export of two databases byte for byte (the check of db copy, alone); exit 1 when one differs.")

        @OptionGroup var locations: Locations

        func run() throws {
            let copy = try locations.resolve()
            let comparison: ExportComparison
            do { comparison = try copy.compare() } catch let refused as DatabaseCopyRefused {
                throw CommandFailure.badInput(refused.description)
            } catch {
                throw CommandFailure.failed("db compare: \(error)")
            }
            print(comparison.table, terminator: "")
            try Copy.verdict(comparison, verb: "the comparison")
        }
    }

    /// `db status --db …|--config …`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the database a command would use, its engine and its migrations (applying the missing ones).",
            discussion: """
                Opening a database applies the migrations it lacks; one migrated by a newer release of crmservice \
                is refused (exit 1, naming the unknown migrations): run the newer release, or restore the backup.
                """)

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() throws {
            let location = try databaseOptions.location(in: try databaseOptions.configuration())
            let database = try openDatabase(location)
            let status: MigrationStatus
            do { status = try database.migrationStatus() } catch {
                throw CommandFailure.failed("db status: \(error)")
            }
            print("database:   \(location.shown)")
            print("engine:     \(location.engineName)")
            print("migrations: \(status.applied.count) applied, \(status.known.count) known to this release; last \(status.applied.last ?? "none")")
        }
    }
}
