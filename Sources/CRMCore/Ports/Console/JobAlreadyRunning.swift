/// A console action that would start a job while a run of it is `running` (§7: a job never runs twice at once).
public struct JobAlreadyRunning: Error, Sendable, Hashable, CustomStringConvertible {
    public var job: String
    public var running: JobRunID

    public init(job: String, running: JobRunID) {
        self.job = job
        self.running = running
    }

    public var description: String { "\(job) is running already (run \(running))" }
}
