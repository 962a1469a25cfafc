/// A `poll` option that cannot be used (exit 2): names the option or the file, never a secret.
public struct PollInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option concerned, e.g. `--url`.
    public var option: String
    public var message: String

    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { "\(option): \(message)" }
}
