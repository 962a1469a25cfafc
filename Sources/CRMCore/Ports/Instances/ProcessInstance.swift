import Synchronization

/// Which instance this process is (issue 14): the name the store writes on every run this process starts.
/// `cli@HOST:PID` until the composition root of `crmservice run` names it (`instance.name`), once, before any run
/// starts. Process-wide on purpose: every run a process starts is that process's, whichever code path starts it.
public enum ProcessInstance {
    private static let current = Mutex((name: InstanceName.commandLine, named: false))

    /// This process's name.
    public static var name: InstanceName { current.withLock { $0.name } }

    /// Whether this process is a one-shot command (`cli@HOST:PID`), which renews its heartbeat only while a run of its
    /// own is in progress; false once `set` named it.
    public static var isCommandLine: Bool { current.withLock { !$0.named } }

    /// Names this process (`crmservice run` with `instance.name`).
    public static func set(_ name: InstanceName) { current.withLock { $0 = (name, true) } }
}
