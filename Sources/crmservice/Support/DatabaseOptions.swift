import ArgumentParser
import CRMServiceApp

/// `--db PATH` and `--config FILE` (§1): every command that touches data takes its database from `--db` or from the
/// configuration file's `database.path`; `--db` wins. The capture policy (never-capture and capture addresses) comes
/// from the configuration only: with `--db` alone it is empty.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The SQLite database (created and migrated on first use); wins over --config.")
    var db: String?

    @Option(help: "The service configuration (YAML): the database, and for capture the never-capture and capture addresses.")
    var config: String?

    /// The configuration file read (validated as a whole, environment included), nil without `--config`.
    func configuration() throws -> ServiceConfiguration? {
        guard let config else { return nil }
        do { return try ServiceConfiguration(contentsOf: config) } catch {
            throw CommandFailure.badInput(error.description)
        }
    }

    /// The database path: `--db`, else the configuration's `database.path`; neither is exit 2.
    func databasePath(in configuration: ServiceConfiguration?) throws -> String {
        if let db { return db }
        if let configuration { return configuration.database.path }
        throw CommandFailure.badInput("give --db PATH or --config FILE")
    }

    /// Reads the configuration (if any) and opens the database; `capture` is the configuration's, empty without one.
    func open() throws -> (database: StoreDatabase, capture: CaptureSettings) {
        let configuration = try configuration()
        return (try openDatabase(try databasePath(in: configuration)), configuration?.capture ?? CaptureSettings())
    }

    /// Opens the database, for commands that need nothing else from the configuration.
    func openStore() throws -> StoreDatabase { try open().database }
}
