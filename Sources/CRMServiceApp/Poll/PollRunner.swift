import Capture
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
        let stop = PollStopFlag()
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

    /// A logger writing to standard error (level `notice` unless `CRMSERVICE_LOG_LEVEL` names another).
    public static func standardErrorLogger(label: String = "crmservice.poll") -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        if let text = ProcessInfo.processInfo.environment["CRMSERVICE_LOG_LEVEL"], let level = Logger.Level(rawValue: text) {
            logger.logLevel = level
        } else {
            logger.logLevel = .notice
        }
        return logger
    }
}
