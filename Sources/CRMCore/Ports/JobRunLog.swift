import Foundation

/// The state of a job run (§7).
public enum JobRunState: String, Sendable, CaseIterable {
    case running, completed, failed, stopped
}

/// The id of one recorded job run.
public struct JobRunID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// One record of the job-run log shared by the scheduler and the jobs.
public struct JobRun: Hashable, Sendable {
    public var id: JobRunID
    public var job: String
    public var startedAt: Date
    public var endedAt: Date?
    public var state: JobRunState
    public var examined: Int
    public var changed: Int
    public var messages: [String]
    /// An import's counts by row (runs of the job `import` only; nil for the scheduled jobs).
    public var imported: ImportRunCounts?
    /// The instance that ran it (issue 14; nil for runs recorded before instances were named).
    public var instance: InstanceName?

    public init(id: JobRunID, job: String, startedAt: Date, endedAt: Date?, state: JobRunState,
                examined: Int, changed: Int, messages: [String], imported: ImportRunCounts? = nil,
                instance: InstanceName? = nil) {
        self.id = id
        self.job = job
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.state = state
        self.examined = examined
        self.changed = changed
        self.messages = messages
        self.imported = imported
        self.instance = instance
    }
}

/// The job-run log (`export job-runs`, `jobs runs`).
public protocol JobRunLog: Sendable {
    /// Records a run that starts now, in state `running`.
    func startRun(job: String, at time: Date) throws -> JobRunID
    /// Records the end of a run with its counts and messages.
    func finishRun(_ id: JobRunID, state: JobRunState, at time: Date, examined: Int, changed: Int, messages: [String]) throws
    func jobRuns() throws -> [JobRun]
}
