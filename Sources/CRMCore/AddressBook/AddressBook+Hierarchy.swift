extension AddressBook {
    /// The parent of `account`, nil for a top-level or unknown account.
    public func parent(of account: AccountID) -> AccountID? { accounts[account]?.parent }

    /// `account` with its parents and its subsidiaries at any depth (not its siblings), safe against cycles in
    /// parent links: the accounts an order may belong to without `order_account_mismatch` (INTERFACE.md §4).
    public func family(of account: AccountID) -> Set<AccountID> {
        var family: Set<AccountID> = [account]
        var ancestor = parent(of: account)
        while let next = ancestor, family.insert(next).inserted {
            ancestor = parent(of: next)
        }
        var pending = subsidiaries(of: account)
        var seen: Set<AccountID> = [account]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            family.insert(next)
            pending.append(contentsOf: subsidiaries(of: next))
        }
        return family
    }
}
