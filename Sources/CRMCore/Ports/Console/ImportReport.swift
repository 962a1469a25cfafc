/// What a check or an import of one file found and did.
public struct ImportReport: Sendable, Hashable {
    public var kind: String
    /// Rows that decoded cleanly.
    public var goodRows: Int
    /// Every problem by line; when not empty, nothing was written.
    public var problems: [ImportProblem]
    /// What the import wrote; nil for a check, or for an import that was rejected.
    public var written: ImportCounts?

    public init(kind: String, goodRows: Int, problems: [ImportProblem], written: ImportCounts?) {
        self.kind = kind
        self.goodRows = goodRows
        self.problems = problems
        self.written = written
    }
}
