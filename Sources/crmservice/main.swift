import ArgumentParser
import Glibc

/// Calls the asynchronous `run()` of `command`. On an existential (`any AsyncParsableCommand`) the call resolves to
/// ParsableCommand's synchronous requirement, whose default for async commands only prints the help; opening the
/// existential into a generic parameter makes the async requirement the one called.
func runAsynchronously<Command: AsyncParsableCommand>(_ command: Command) async throws {
    var command = command
    try await command.run()
}

// The contract's exit statuses (§1): 0 success, 1 the work failed, 2 bad usage or bad input.
// ArgumentParser's own usage errors would exit 64 (EX_USAGE); they become 2 here, the only place that turns errors
// into statuses.
do {
    var command = try CRMServiceCommand.parseCommandLine(Array(CommandLine.arguments.dropFirst()))
    if let asyncCommand = command as? any AsyncParsableCommand {
        try await runAsynchronously(asyncCommand)
    } else {
        try command.run()
    }
} catch let failure as CommandFailure {
    printError(failure.message)
    exit(failure.status.rawValue)
} catch {
    let code = CRMServiceCommand.exitCode(for: error)
    if code == .success {
        CRMServiceCommand.exit(withError: error) // --help: printed, status 0
    }
    printError(CRMServiceCommand.fullMessage(for: error))
    exit(code == .failure ? 1 : 2)
}
