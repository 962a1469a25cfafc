import CRMCore

/// A file that was not imported because of `problems`: every bad row with its line and field (§3: nothing of the file
/// is written).
public struct ImportRejected: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [CSVError]
    /// The failed run of the job `import` that records the rejection (nil when the import was not recorded).
    public var run: JobRunID?

    public init(problems: [CSVError], run: JobRunID? = nil) {
        self.problems = problems
        self.run = run
    }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
