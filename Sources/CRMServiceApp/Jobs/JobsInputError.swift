import Jobs

/// A bad argument to a `jobs` command, naming it (exit 2 at the edge): `--day: "2026-13-01" is not a date`.
public struct JobsInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var problem: String

    public init(field: String, value: String, problem: String) {
        self.field = field
        self.value = value
        self.problem = problem
    }

    public var description: String { "\(field): \"\(value)\" \(problem)" }
}

/// A `jobs` command that could not do its work (exit 1 at the edge).
public struct JobsCommandFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// How a `jobs run` ended, named for the executable (which imports neither Jobs nor CRMCore).
public typealias JobRunnerReport = JobRunner.Report
