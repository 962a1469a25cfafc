import Matching

/// The counts `replay` prints at the end.
public struct ReplaySummary: Sendable, Equatable {
    public var messages = 0
    public var activities = 0
    public var unmatched: [UnmatchedReason: Int] = [:]
    public var ignored: [IgnoredReason: Int] = [:]
    public var duplicates = 0
    /// Files that could not be read (reported, skipped).
    public var unreadable: [String] = []
    /// Directories not walked again (a symbolic link loop, or a directory reached twice): every file is read once.
    public var skipped: [ReplayError] = []

    public init() {}

    mutating func count(_ result: CaptureResult) {
        messages += 1
        switch result {
        case .activity: activities += 1
        case .unmatched(let reason): unmatched[reason, default: 0] += 1
        case .ignored(let reason): ignored[reason, default: 0] += 1
        case .duplicate: duplicates += 1
        }
    }

    /// `1200 messages: 900 activities, 250 unmatched (unknown_sender 200, auto_generated 50), 40 ignored
    /// (internal 40), 10 duplicates`.
    public var text: String {
        func detail<K: RawRepresentable & Hashable>(_ counts: [K: Int]) -> String where K.RawValue == String {
            guard !counts.isEmpty else { return "" }
            return " (" + counts.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")"
        }
        return "\(messages) messages: \(activities) activities, \(unmatched.values.reduce(0, +)) unmatched"
            + detail(unmatched) + ", \(ignored.values.reduce(0, +)) ignored" + detail(ignored)
            + ", \(duplicates) duplicates"
    }
}
