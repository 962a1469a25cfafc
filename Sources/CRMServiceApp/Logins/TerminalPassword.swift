import Glibc

/// Reads a password from the terminal without echo (termios), asking twice (§8 `admin passwd`).
public enum TerminalPassword {
    /// Turns echo off, prompts on standard error and reads two lines from standard input, then restores the
    /// terminal. Echo goes off before the first prompt, so nothing typed after a prompt is echoed or discarded.
    /// Throws `AdminInputError` when standard input is no terminal or the two entries differ.
    public static func read(prompt: String = "New password: ", again: String = "Again: ") throws -> String {
        guard isatty(STDIN_FILENO) == 1 else { throw AdminInputError(problem: .noTerminal) }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw AdminInputError(problem: .noTerminal) }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        // TCSAFLUSH: what was typed before the prompt (perhaps the password, visibly) is not taken as it.
        // A signal while echo is off (Ctrl-C at the prompt) would leave the user's shell without echo: the handler
        // puts the saved settings back, then lets the signal end the process as it would have.
        terminalToRestore = saved
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        let previous = signals.map { signal($0, restoreTerminalAndReraise) }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            for (number, handler) in zip(signals, previous) { signal(number, handler) }
        }
        let first = readLine(prompt)
        let second = readLine(again)
        guard first == second else { throw AdminInputError(problem: .passwordsDiffer) }
        return first
    }

    private static func readLine(_ prompt: String) -> String {
        let text = Array(prompt.utf8)
        _ = text.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(STDIN_FILENO, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
        if line.last == 0x0D { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
}

/// The settings `restoreTerminalAndReraise` puts back; written before the handler is installed, read only by it.
nonisolated(unsafe) private var terminalToRestore = termios()

/// A signal handler: restores the terminal (tcsetattr is async-signal-safe), then ends the process by the same signal.
private func restoreTerminalAndReraise(_ number: Int32) {
    tcsetattr(STDIN_FILENO, TCSANOW, &terminalToRestore)
    signal(number, SIG_DFL)
    raise(number)
}
