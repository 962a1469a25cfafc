import Glibc

/// The database file could not be created (a missing permission, a read-only file system…).
public struct DatabaseFileNotCreated: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public var description: String { "cannot create the database \(path): \(String(cString: strerror(errno)))" }
}
