/// The console's archives page (§8 `GET /archives`, §10): the list, and download, delete and restore, each with the
/// logged-in user's password asked again. The implementation checks the right `archive` and the password and writes
/// every attempt to the audit log (origin `console`); a refusal throws `ArchiveActionRefused`.
public protocol ArchiveConsole: Sendable {
    func archives() throws -> [ArchiveRecord]
    /// Writes the archive's ZIP to a new temporary file and returns its path (the caller removes it).
    func download(_ id: ArchiveID, user: UserID, password: String) throws -> String
    func delete(_ id: ArchiveID, user: UserID, password: String) throws
    func restore(_ id: ArchiveID, user: UserID, password: String) throws
}

/// An archive action the console refuses (wrong password, missing right, an archive not available): nothing done.
public struct ArchiveActionRefused: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
