import Foundation

/// Runs blocking work (libcurl, SQLite) on a thread of its own, off the cooperative pool (DESIGN.md house rule 5),
/// and resumes the awaiting task with its result. The work is not cancelled with the task: it is asked to stop through
/// its own flag, so that a message in hand is always finished.
public enum BlockingThread {
    /// Runs `body` on a new thread and returns what it returned.
    public static func run<T: Sendable>(name: String = "crmservice.poll", _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.stackSize = 4 << 20
            thread.start()
        }
    }
}
