import Foundation

/// Child processes through posix_spawn + waitpid, output to files. Foundation's `Process.waitUntilExit()` does not
/// return on Linux (swift-corelibs-foundation, Swift 6.3) once the child has started a daemon that keeps the
/// descriptors it inherited (scripts/dovecot start): the child stays a zombie. The same approach as the IMAP tests'
/// `DovecotServer.run` (Tests/IMAPClientTests/DovecotServer.swift), extended to processes that run while the test
/// watches them.
enum Spawn {
    /// How a child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `arguments[0]` (looked up in PATH) with standard input from /dev/null and output to the given files.
    static func start(_ arguments: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard rc == 0 else { throw SpawnFailed(arguments: arguments, errno: rc) }
        return pid
    }

    /// Waits for `pid` to end.
    static func wait(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return termination(status)
    }

    /// How `pid` ended, nil while it runs.
    static func ended(_ pid: pid_t) -> Termination? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? termination(status) : nil
    }

    /// Runs a command to its end: how it ended, and its standard output and error.
    static func run(_ arguments: [String]) throws -> (termination: Termination, out: String, err: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pollspawn-\(UUID().uuidString)").path
        defer {
            unlink(scratch + ".out")
            unlink(scratch + ".err")
        }
        let pid = try start(arguments, stdout: scratch + ".out", stderr: scratch + ".err")
        let termination = wait(pid)
        let out = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
        return (termination, out, err)
    }

    private static func termination(_ status: Int32) -> Termination {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }

    struct SpawnFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var errno: Int32
        var description: String { "cannot run \(arguments.joined(separator: " ")): errno \(errno)" }
    }
}
