import CRMCore

/// The dashboard's "Instances and what they hold" (issue 14): every lease row, held ones first by instance, then the
/// free ones (released or expired, with their last holder).
enum LeasesView {
    static func data(_ table: LeaseTable) -> [String: Any] {
        let rows = table.leases.sorted { a, b in
            let (heldA, heldB) = (a.isHeld(at: table.now), b.isHeld(at: table.now))
            return heldA != heldB ? heldA : (a.holder, a.key) < (b.holder, b.key)
        }
        return ["leases": rows.map { lease -> [String: Any] in
            ["key": lease.key.rawValue, "holder": lease.holder.rawValue, "held": lease.isHeld(at: table.now),
             "acquired": MailboxHealth.utc(lease.acquired), "expires": MailboxHealth.utc(lease.expires)]
        }]
    }
}
