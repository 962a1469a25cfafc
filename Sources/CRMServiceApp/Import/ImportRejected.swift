/// A file that was not imported because of `problems`: every bad row with its line and field (§3: nothing of the file
/// is written).
public struct ImportRejected: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [CSVError]

    public init(problems: [CSVError]) { self.problems = problems }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
