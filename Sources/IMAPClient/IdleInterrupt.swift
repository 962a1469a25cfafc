import Glibc
import Synchronization

/// Ends an IMAP IDLE wait (and the waits between reconnects) at once from another thread: a stop (SIGTERM, standby)
/// must not wait for the server's next line or the end of a backoff. A pipe whose read end joins the socket in
/// poll(2); once signalled it stays signalled (a stopped watcher never listens again).
public final class IdleInterrupt: Sendable {
    private let readFD: Int32
    private let writeFD: Int32
    private let signalled = Atomic<Bool>(false)

    public init() {
        var fds: [Int32] = [-1, -1]
        // Without a pipe there is no way to interrupt; poll(2) then only sees the flag at the next timeout.
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            }
        } else {
            fds = [-1, -1]
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        if readFD >= 0 { Glibc.close(readFD) }
        if writeFD >= 0 { Glibc.close(writeFD) }
    }

    public var isSignalled: Bool { signalled.load(ordering: .acquiring) }

    /// Wakes every wait, now and later.
    public func signal() {
        guard !signalled.exchange(true, ordering: .acquiringAndReleasing), writeFD >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// The descriptor to poll(2) for POLLIN beside a socket.
    var descriptor: Int32 { readFD }

    /// Waits `duration` or until signalled, whichever comes first; true when signalled.
    @discardableResult
    public func sleep(_ duration: Duration) -> Bool {
        let deadline = ContinuousClock.now + duration
        while !isSignalled {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            var fd = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, Self.milliseconds(left))
        }
        return true
    }

    /// `d` in whole milliseconds for poll(2), at least 1 and at most a day.
    static func milliseconds(_ d: Duration) -> Int32 {
        let (seconds, attoseconds) = d.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: min(max(ms, 1), 86_400_000))
    }
}
