/// What an import did, by row, as its run in the run log keeps it (§7: every import is a run of the job `import`).
public struct ImportRunCounts: Hashable, Sendable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// Rows with a problem; any makes the whole file rejected (nothing written, the run `failed`).
    public var rejected: Int

    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0, rejected: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
    }
}
