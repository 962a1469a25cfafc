import CRMCore

extension DatabaseCaptureTransaction {
    /// The lease must still be the fence's holder's under its token; its expiry does not matter: while the row names
    /// the same holder and token nobody else has taken it, so what this transaction commits cannot double theirs.
    func requireLease(_ fence: LeaseFence) throws {
        let lease = try AppDatabase.lease(db, fence.key)
        guard let lease, lease.holder == fence.holder, lease.token == fence.token else {
            throw LeaseLost(fence: fence, holder: lease?.holder, token: lease?.token)
        }
    }
}
