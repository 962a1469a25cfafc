import CRMCore

/// The batch fetch and the folder commands of `CurlMailboxSession`, all over `peek` (the raw connection): there the
/// literals of a batch are read by count, and a tagged `NO` is read as the reply to our own command.
extension CurlMailboxSession {
    /// `UID FETCH set (UID BODY.PEEK[])` in the EXAMINEd folder (`PeekConnection+Batch.swift`).
    public func fetch(_ uids: [MessageUID], uidValidity: UIDValidity, limit: Int) throws -> [MessageUID: [UInt8]] {
        try peek.fetchBatch(uids, uidValidity: uidValidity, maxBytes: limit)
    }

    /// NAMESPACE where the server offers it; else, or when it names no personal namespace, the separator of
    /// `LIST "" ""` (RFC 3501 §6.3.8) with no prefix.
    public func folderHierarchy() throws -> FolderHierarchy {
        if try capabilities().contains("NAMESPACE") {
            do {
                if let personal = try peek.personalNamespace() { return personal }
            } catch let error as IMAPError where error.serverReply != nil {
                // A server that announces NAMESPACE and refuses it: the separator of LIST still tells enough.
            }
        }
        let root = try peek.list("")
        return FolderHierarchy(prefix: "", separator: root.first?.separator)
    }

    /// LIST of exactly that name: it exists when listed without `\Noselect` or `\NonExistent`.
    public func folderExists(_ wireName: String) throws -> Bool {
        try peek.list(wireName).contains { $0.isSelectable && Self.sameFolder($0.name, wireName) }
    }

    public func createFolder(_ wireName: String) throws {
        guard !wireName.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw IMAPError(kind: .protocolError, message: "bad folder name for CREATE on \(endpoint.displayName)")
        }
        try peek.create(wireName)
    }

    /// INBOX is case-insensitive (RFC 3501 §5.1), every other name exact.
    static func sameFolder(_ a: String, _ b: String) -> Bool {
        a == b || (a.uppercased() == "INBOX" && b.uppercased() == "INBOX")
    }
}
