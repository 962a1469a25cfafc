import Foundation

/// Child processes for the tests, through posix_spawn + waitpid, their output to files.
///
/// Not Foundation's `Process`: on Linux (swift-corelibs-foundation, Swift 6.3) its `waitUntilExit()` does not return
/// once the child has started a daemon that keeps the descriptors it inherited (`scripts/dovecot start`), nor, at
/// times, when called from a lazy static initializer: the child stays a zombie.
public enum Spawn {
    /// How a child ended.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exited \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// What a command that ran to its end left.
    public struct Ran: Sendable {
        public var termination: Termination
        public var out: String
        public var err: String
        /// The exit status, 128 + N when signal N ended it (as a shell reports it).
        public var status: Int32 {
            switch termination {
            case .exited(let status): status
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// Starts `arguments[0]` (looked up in PATH) with standard input from /dev/null and output to the given files;
    /// returns its pid (end it with `wait`).
    public static func start(_ arguments: [String], stdout: String, stderr: String,
                             environment: [String: String]? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { env in
            env.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for p in envp ?? [] { free(p) } }
        var pid = pid_t()
        let rc = envp.map { posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, $0) }
            ?? posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard rc == 0 else { throw SpawnFailed(arguments: arguments, errno: rc) }
        return pid
    }

    /// Waits for `pid` to end.
    public static func wait(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return termination(status)
    }

    /// How `pid` ended, nil while it runs.
    public static func ended(_ pid: pid_t) -> Termination? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? termination(status) : nil
    }

    /// Runs a command to its end: how it ended, and its standard output and error.
    public static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Ran {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        defer {
            unlink(scratch + ".out")
            unlink(scratch + ".err")
        }
        let pid = try start(arguments, stdout: scratch + ".out", stderr: scratch + ".err", environment: environment)
        let termination = wait(pid)
        let out = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
        return Ran(termination: termination, out: out, err: err)
    }

    private static func termination(_ status: Int32) -> Termination {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }

    /// posix_spawn refused to start the command.
    public struct SpawnFailed: Error, CustomStringConvertible {
        public var arguments: [String]
        public var errno: Int32
        public var description: String { "cannot run \(arguments.joined(separator: " ")): errno \(errno)" }
    }
}
