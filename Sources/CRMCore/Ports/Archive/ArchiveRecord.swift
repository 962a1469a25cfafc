import Foundation

/// One archive as `export archives` shows it (§10).
public struct ArchiveRecord: Sendable, Hashable {
    /// `available` (its data is in the database), `deleted` (dropped for good), `restored` (back in the live tables).
    public enum State: String, Sendable, Hashable, CaseIterable {
        case available, deleted, restored
    }

    public var id: ArchiveID
    public var createdAt: Date
    public var createdBy: String
    /// The cutoff: what was archived is dated before it (ISO 8601 UTC).
    public var cutoff: String
    public var activities: Int
    public var unmatched: Int
    public var jobRuns: Int
    /// The compressed size of the archive's data as stored.
    public var bytes: Int64
    /// SHA-256 of the stored (compressed) data, in hex.
    public var sha256: String
    public var state: State

    public init(id: ArchiveID, createdAt: Date, createdBy: String, cutoff: String, activities: Int, unmatched: Int,
                jobRuns: Int, bytes: Int64, sha256: String, state: State) {
        self.id = id
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.cutoff = cutoff
        self.activities = activities
        self.unmatched = unmatched
        self.jobRuns = jobRuns
        self.bytes = bytes
        self.sha256 = sha256
        self.state = state
    }
}
