/// A right of a login (INTERFACE.md §8). Reading needs only a login; acting needs the right.
public enum LoginRight: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Act on the review queue.
    case review
    /// Maintain rating rules (Exact's function right 261).
    case ratingRules = "rating-rules"
    /// Execute the rating (Exact's function right 337).
    case ratingRun = "rating-run"
    /// Download, delete and restore archives.
    case archive
    /// Standby/running, run a job now, stop a run.
    case scheduler
    /// Imports in the console.
    case `import`
    /// All of the above, and granting.
    case admin

    public static func < (lhs: LoginRight, rhs: LoginRight) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension Set where Element == LoginRight {
    /// Whether these rights allow what `right` guards: `admin` allows everything.
    public func allows(_ right: LoginRight) -> Bool { contains(right) || contains(.admin) }
}
