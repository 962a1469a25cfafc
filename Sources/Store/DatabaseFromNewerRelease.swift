/// The database was migrated by a newer release of CRMService than this binary (an upgrade rolled back without its
/// database): opening it is refused rather than risk writing rows the newer schema does not expect.
public struct DatabaseFromNewerRelease: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// The applied migrations this binary does not know, in the order they were applied.
    public var unknownMigrations: [String]

    public var description: String {
        "\(path): the database was migrated by a newer release of crmservice (migrations "
            + unknownMigrations.joined(separator: ", ")
            + " are unknown to this binary); run the newer release or restore the backup taken before the upgrade"
    }
}
