/// A value in the database that the code did not write (a corrupt file or a foreign writer).
public struct CorruptValue: Error, CustomStringConvertible {
    public var table: String
    public var column: String
    public var description: String { "corrupt value in \(table).\(column)" }
}
