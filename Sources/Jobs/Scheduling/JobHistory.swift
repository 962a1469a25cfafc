import Foundation

/// What the run log says about one job when the scheduler starts: when its last run started (nil: never ran).
public struct JobHistory: Sendable, Hashable {
    public var lastStart: Date?

    public init(lastStart: Date?) { self.lastStart = lastStart }
}
