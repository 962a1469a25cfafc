/// An error that ends a command with the contract's exit status (§1): 1 the work failed, 2 bad usage or input.
/// The message names the file, line or field concerned.
struct CommandFailure: Error, CustomStringConvertible {
    enum Status: Int32 { case failed = 1, badInput = 2 }

    var status: Status
    var message: String

    static func failed(_ message: String) -> CommandFailure { CommandFailure(status: .failed, message: message) }
    static func badInput(_ message: String) -> CommandFailure { CommandFailure(status: .badInput, message: message) }

    var description: String { message }
}
