/// An archive command names an archive that does not exist, or one whose state does not allow the action (a deleted
/// archive cannot be downloaded or restored; a restored one holds nothing any more): exit 2, nothing done.
public struct ArchiveUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    public var id: ArchiveID
    /// The archive's state, nil when there is no such archive.
    public var state: ArchiveRecord.State?

    public init(id: ArchiveID, state: ArchiveRecord.State?) {
        self.id = id
        self.state = state
    }

    public var description: String {
        guard let state else { return "there is no archive \(id)" }
        return "archive \(id) is \(state.rawValue): its data is no longer in the database"
    }
}
