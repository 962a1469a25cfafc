import CRMCore
import Foundation
import IMAPClient
import Logging

/// Issue 14 in the poll service: several instances on one database poll (and IDLE) each mailbox one at a time.
///
/// - Before a poll the mailbox's lease is taken (or renewed); held by another instance, nothing touches the mailbox
///   and the lease is asked for again every `ttl / 3`.
/// - While held it is renewed every `ttl / 3`, during polls and waits alike. Once the instance's own reckoning says it
///   is lost (another holder, or its deadline passed without a renewal), the poll in progress stops before its next
///   message and the IDLE connection is closed; a transaction already under way is refused by the store
///   (`LeaseLost`) and rolled back, so the new holder neither misses nor doubles a message.
/// - Shutdown releases it, so another instance takes the mailbox over at its next attempt instead of after the expiry.
extension MailboxPollService {
    /// The lease's fence for the next poll: held already, or taken now; else why not.
    func leaseForPoll(_ lease: LeaseKeeper) async -> Result<LeaseFence, LeaseUnavailable> {
        if let fence = lease.current { return .success(fence) }
        let attempt = await BlockingThread.run(name: "lease \(lease.key)") { lease.attempt() }
        if let fence = lease.current { return .success(fence) }
        switch attempt {
        case .heldByOther(let other, _): return .failure(.heldBy(other))
        case .failed(let message): return .failure(.store(message))
        case .held: return .failure(.heldBy(nil)) // held and lost at once: as good as another's
        }
    }

    /// Why a poll could not take the mailbox's lease.
    enum LeaseUnavailable: Error {
        case heldBy(InstanceName?)
        case store(String)
    }

    /// Renews the lease every `ttl / 3` while held (the poll loop takes it when it is not), and interrupts the IDLE
    /// connection once it is lost. Ends when cancelled.
    static func keepRenewing(_ lease: LeaseKeeper, tenures: IdleTenures, logger: Logger) async {
        while !Task.isCancelled, !tenures.isStopped {
            do { try await Task.sleep(for: lease.untilNextCheck) } catch { return }
            if lease.current != nil {
                let attempt = await BlockingThread.run(name: "lease \(lease.key)") { lease.attempt() }
                if case .failed(let message) = attempt {
                    logger.warning("could not renew the mailbox's lease", metadata: ["lease.key": "\(lease.key)", "error": "\(message)"])
                }
            }
            if lease.current == nil { tenures.endCurrent() }
        }
    }

    /// Keeps the IDLE watcher running while the lease is held (always, without a lease), one connection per time it
    /// is held; returns when stopped or when the watcher gives up on IDLE.
    static func superviseIdle(_ idle: MailboxIdleWatcher, lease: LeaseKeeper?, tenures: IdleTenures,
                              wake: @escaping @Sendable () -> Void) async {
        while !Task.isCancelled {
            if let lease, lease.current == nil {
                do { try await Task.sleep(for: lease.renewEvery / 2) } catch { return }
                continue
            }
            guard let interrupt = tenures.begin() else { return }
            // Lost between the look and the start: that connection is not opened.
            if let lease, lease.current == nil { interrupt.signal() }
            // Abandoned when cancelled: libcurl's connect phase cannot be interrupted, and a stop must not wait up to
            // its connect timeout; the thread ends on its own and only closes a connection.
            await BlockingThread.run(name: "idle \(idle.mailbox)", whenCancelled: ()) {
                defer { tenures.ended() }
                idle.watch(wake: wake, interrupt: interrupt)
            }
            // Not interrupted: the server has no IDLE (or refused it); the mailbox is polled at its interval.
            if !interrupt.isSignalled || lease == nil { return }
        }
    }

    /// Whether every IDLE connection is closed, waiting up to `limit` for the threads a stop abandoned (interrupted,
    /// they log out at once; one still connecting ends with libcurl's connect timeout).
    static func idleClosed(_ tenures: IdleTenures, limit: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while tenures.running > 0, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(20)) } catch { break }
        }
        return tenures.running == 0
    }
}
