/// The `database` section: where the SQLite database lives.
public struct DatabaseSettings: Sendable, Equatable {
    /// The default `database.path`.
    public static let defaultPath = "/var/lib/crmservice/crmservice.sqlite"

    /// `database.path`: the SQLite database (created and migrated on first use). A relative path in the file or the
    /// environment is resolved against the configuration file's directory when the file is read.
    public var path: String

    public init(path: String = DatabaseSettings.defaultPath) {
        self.path = path
    }
}
