import ArgumentParser
import Glibc

// The contract's exit statuses (§1): 0 success, 1 the work failed, 2 bad usage or bad input.
// ArgumentParser's own usage errors would exit 64 (EX_USAGE); they become 2 here, the only place that turns errors
// into statuses.
do {
    var command = try CRMServiceCommand.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
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
