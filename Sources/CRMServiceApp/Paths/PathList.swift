import Glibc

/// `--files-from FILE|-` (§12): paths one a line, from a file or (`-`) standard input.
public enum PathList {
    /// The paths listed in `source` (`-`: standard input), in order; empty lines are skipped, nothing else is
    /// trimmed (a path may start or end with blanks).
    public static func read(_ source: String) throws -> [String] {
        let bytes = source == "-" ? try MessageFile.read(descriptor: STDIN_FILENO, path: "standard input")
            : try MessageFile.read(source)
        return lines(bytes)
    }

    /// The non-empty lines of `bytes` (LF-separated).
    public static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }
}
