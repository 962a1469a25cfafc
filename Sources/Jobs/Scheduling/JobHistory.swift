import Foundation

/// What the database says about one job when the scheduler starts: when its last run started (nil: never ran), and
/// through which instant its fire times were already handled (run, skipped, or let pass in standby).
public struct JobHistory: Sendable, Hashable {
    public var lastStart: Date?
    public var handledThrough: Date?

    public init(lastStart: Date?, handledThrough: Date? = nil) {
        self.lastStart = lastStart
        self.handledThrough = handledThrough
    }

    /// The history of each of `definitions` from what the store keeps, both keyed by job name: the start of its latest
    /// run (`SchedulerStore.lastRunStarts`) and how far its fire times are handled (`scheduleHandledThrough`).
    public static func table(for definitions: [JobDefinition], lastStarts: [String: Date],
                             handledThrough: [String: Date]) -> [JobName: JobHistory] {
        var table: [JobName: JobHistory] = [:]
        for definition in definitions {
            let name = definition.name.rawValue
            table[definition.name] = JobHistory(lastStart: lastStarts[name], handledThrough: handledThrough[name])
        }
        return table
    }

    /// The later of the two: fire times after it were missed.
    var since: Date? {
        switch (lastStart, handledThrough) {
        case let (a?, b?): max(a, b)
        case let (a, b): a ?? b
        }
    }
}
