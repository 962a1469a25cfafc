import CRMCore

/// Defaults for sessions that cannot batch or ask about folders: nothing fetched in batch (the caller fetches one by
/// one), a plain hierarchy, every folder taken to exist.
extension MailboxSession {
    public func fetch(_ uids: [MessageUID], uidValidity: UIDValidity, limit: Int) throws -> [MessageUID: [UInt8]] {
        [:]
    }

    public func folderHierarchy() throws -> FolderHierarchy { .plain }

    public func folderExists(_ wireName: String) throws -> Bool { true }

    public func createFolder(_ wireName: String) throws {}
}
