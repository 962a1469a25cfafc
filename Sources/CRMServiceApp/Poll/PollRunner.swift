import Capture
import CRMCore
import Dispatch
import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// How `crmservice poll` runs a poll service: once, or until SIGTERM/SIGINT in a `ServiceGroup` of its own.
public enum PollRunner {
    /// One poll; SIGTERM/SIGINT during it stop it after the message in hand is committed.
    public static func once(_ service: MailboxPollService) async -> MailboxPollService.Outcome {
        let stop = StopFlag()
        let sources = [SIGTERM, SIGINT].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return await service.pollOnce(stop: stop)
    }

    /// Polls until SIGTERM or SIGINT, then stops gracefully (the message in hand is committed) and returns.
    public static func untilSignalled(_ service: MailboxPollService, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger)
        // The message in hand is committed well within this; a session call hanging on a dead server is cut by its
        // own timeouts, and past 10 s the poll task is cancelled.
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// A wait as the poll command prints it: `3 s`, `2.5 s`, `300 s`.
    public static func waitText(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        return s >= 10 || atto == 0 ? "\(s) s" : String(format: "%.1f s", duration.timeInterval)
    }

    /// The poll command's logger: level `notice` (its summary lines go to standard output) unless `LOG_LEVEL` names
    /// another, as for `run`.
    public static func standardErrorLogger(label: String = "crmservice.poll") -> Logger {
        ProcessLogger.make(label: label, defaultLevel: .notice)
    }
}
