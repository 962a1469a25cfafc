import CRMCore
import Foundation

/// The scheduler's copy of the pending one-off runs (`jobs run NAME --at`, §7): read from the database at start-up and
/// at every wake-up, so that a run asked for by another process is seen by the next wake-up (at the latest `recheck`
/// after the last read). Starting one is always a claim in the database, so a stale copy never starts a run twice.
struct PendingRunBook: Sendable {
    /// How long after a read the scheduler wakes to read again (nil: only at its other wake-ups).
    let recheck: TimeInterval?
    private var runs: [PendingRun] = []
    private var readAt: Date?

    init(recheck: TimeInterval?) { self.recheck = recheck }

    /// Takes the runs as the database lists them at `time`.
    mutating func replace(with runs: [PendingRun], readAt time: Date) {
        self.runs = runs
        readAt = time
    }

    /// The runs whose time has come, earliest first.
    func due(at now: Date) -> [PendingRun] { runs.filter { $0.runAt <= now } }

    /// Forgets a run that is being started (the database decides whether it is).
    mutating func remove(_ id: PendingRunID) { runs.removeAll { $0.id == id } }

    /// When the scheduler must wake for the pending runs: the earliest future one, or the next read.
    func nextWakeUp(after now: Date) -> Date? {
        let next = runs.lazy.map(\.runAt).filter { $0 > now }.min()
        let reread = zip([readAt].compactMap { $0 }, [recheck].compactMap { $0 }).map { $0.addingTimeInterval($1) }.first
        return [next, reread].compactMap { $0 }.min()
    }
}
