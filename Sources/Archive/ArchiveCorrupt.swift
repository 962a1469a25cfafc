/// An archive's stored data cannot be read back: a chunk is missing or damaged, or its SHA-256 differs from the one
/// recorded when it was made (§10). Nothing is restored or written from such an archive.
public struct ArchiveCorrupt: Error, Hashable, Sendable, CustomStringConvertible {
    public var problem: String
    public init(problem: String) { self.problem = problem }
    public var description: String { "the archive's data is damaged: \(problem)" }
}
