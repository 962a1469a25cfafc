/// What the validation pass found in one file, before anything is written.
public struct ImportCheck: Hashable, Sendable {
    public var kind: ImportKind
    /// Rows that decoded cleanly.
    public var goodRows: Int
    /// Every problem, by line; empty when the file would import.
    public var problems: [CSVError]

    public var isClean: Bool { problems.isEmpty }
}
