import ArgumentParser
import CRMServiceApp

/// `--db PATH|URL` and `--config FILE` (§1): every command that touches data takes its database from `--db` or from
/// the configuration file's `database.path` or `database.url`; `--db` wins. A PostgreSQL `--db` takes its password
/// from `--db-password-file`, else `CRMSERVICE_DATABASE_PASSWORD_FILE`, else the configuration's
/// `database.password_file`. The capture policy (never-capture and capture addresses) comes from the configuration
/// only: with `--db` alone it is empty.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The database: a SQLite file (created and migrated on first use) or postgres://USER@HOST:PORT/DB?sslmode=MODE; wins over --config.")
    var db: String?

    @Option(name: .customLong("db-password-file"),
            help: "The PostgreSQL password, in a file of mode 0600 (else $CRMSERVICE_DATABASE_PASSWORD_FILE, else database.password_file).")
    var dbPasswordFile: String?

    @Option(help: "The service configuration (YAML): the database, and for capture the never-capture and capture addresses.")
    var config: String?

    /// The configuration file read (validated as a whole, environment included), nil without `--config`.
    func configuration() throws -> ServiceConfiguration? {
        guard let config else { return nil }
        do { return try ServiceConfiguration(contentsOf: config) } catch {
            throw CommandFailure.badInput(error.description)
        }
    }

    /// The database: `--db`, else the configuration's; neither, a bad URL or an unusable password file is exit 2.
    func location(in configuration: ServiceConfiguration?) throws -> StoreLocation {
        let location: StoreLocation?
        do {
            location = try DatabaseChoice.location(db: db, passwordFile: dbPasswordFile, configuration: configuration?.database)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        guard let location else { throw CommandFailure.badInput("give --db PATH or --config FILE") }
        return location
    }

    /// Reads the configuration (if any) and opens the database; `capture` is the configuration's, empty without one.
    func open() throws -> (database: StoreDatabase, capture: CaptureSettings) {
        let configuration = try configuration()
        return (try openDatabase(try location(in: configuration)), configuration?.capture ?? CaptureSettings())
    }

    /// Opens the database, for commands that need nothing else from the configuration.
    func openStore() throws -> StoreDatabase { try open().database }
}

/// Opens the database, turning a failure into exit 1 with its path or URL (never a password: there is none in either).
func openDatabase(_ location: StoreLocation) throws -> StoreDatabase {
    do { return try DatabaseOpener.open(location) } catch {
        throw CommandFailure.failed("cannot open database \(location.shown): \(error)")
    }
}
