import CRMCore

/// The parent links of all accounts as arrays of indexes, with the accounts that lie on a cycle (§6).
struct AccountForest {
    let accounts: [RatingAccount]
    let index: [AccountID: Int]
    let parent: [Int]          // -1: no parent (or a parent that does not exist)
    let children: [[Int]]
    /// For each account on a cycle, the cycle's number; `cycles[n]` lists its members in parent order.
    let cycleOf: [Int: Int]
    let cycles: [[Int]]

    init(_ accounts: [RatingAccount]) {
        self.accounts = accounts
        var index: [AccountID: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (i, a) in accounts.enumerated() { index[a.id] = i }
        var parent = [Int](repeating: -1, count: accounts.count)
        var children = [[Int]](repeating: [], count: accounts.count)
        for (i, a) in accounts.enumerated() {
            if let p = a.parentID, let pi = index[p] {
                parent[i] = pi
                children[pi].append(i)
            }
        }
        // Walk up from every account; a walk that meets its own path has found a cycle. Each account is walked once.
        var state = [UInt8](repeating: 0, count: accounts.count) // 0 new, 1 on the current path, 2 done
        var cycleOf: [Int: Int] = [:]
        var cycles: [[Int]] = []
        var path: [Int] = []
        for start in accounts.indices where state[start] == 0 {
            path.removeAll(keepingCapacity: true)
            var i = start
            while i >= 0, state[i] == 0 {
                state[i] = 1
                path.append(i)
                i = parent[i]
            }
            if i >= 0, state[i] == 1, let from = path.firstIndex(of: i) {
                let members = Array(path[from...])
                for m in members { cycleOf[m] = cycles.count }
                cycles.append(members)
            }
            for p in path { state[p] = 2 }
        }
        self.index = index
        self.parent = parent
        self.children = children
        self.cycleOf = cycleOf
        self.cycles = cycles
    }

    /// `seeds` and all their ancestors, never looping on a cycle.
    func withAncestors(_ seeds: some Sequence<Int>) -> Set<Int> {
        var result = Set<Int>()
        for seed in seeds {
            var i = seed
            while i >= 0, result.insert(i).inserted { i = parent[i] }
        }
        return result
    }
}
