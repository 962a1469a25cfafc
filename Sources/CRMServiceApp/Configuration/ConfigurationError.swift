/// Why a configuration file was refused: every problem found, each naming the file and the key (`/etc/crmservice.yaml:
/// mailboxes.corporate.after: "archive" is not seen, none or move:FOLDER`). Values of secrets never appear: the
/// configuration holds only the paths of secret files.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem: the key concerned (nil for the file as a whole) and what is wrong with it.
    public struct Problem: Error, Sendable, Equatable {
        public var key: String?
        public var message: String

        public init(key: String?, message: String) {
            self.key = key
            self.message = message
        }
    }

    /// The configuration file as given.
    public var file: String
    public var problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    /// One line a problem: `FILE: KEY: message`.
    public var description: String {
        problems.map { problem in
            [file, problem.key, problem.message].compactMap { $0 }.joined(separator: ": ")
        }.joined(separator: "\n")
    }
}
