import Glibc

/// Reads a password from the terminal without echo (termios), asking twice (§8 `admin passwd`).
public enum TerminalPassword {
    /// Prompts on standard error and reads standard input with echo off; echo is restored before returning.
    /// Throws `AdminInputError` when standard input is no terminal or the two entries differ.
    public static func read(prompt: String = "New password: ", again: String = "Again: ") throws -> String {
        guard isatty(STDIN_FILENO) == 1 else { throw AdminInputError(problem: .noTerminal) }
        let first = try readLine(prompt)
        let second = try readLine(again)
        guard first == second else { throw AdminInputError(problem: .passwordsDiffer) }
        return first
    }

    private static func readLine(_ prompt: String) throws -> String {
        let bytes = Array(prompt.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw AdminInputError(problem: .noTerminal) }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(STDIN_FILENO, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
        if line.last == 0x0D { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
}
