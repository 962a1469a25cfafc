import Foundation
import Logging

/// The logger of a command that logs (`run`, `poll`): standard error (the journal under systemd), the level named by
/// the `LOG_LEVEL` environment variable (`trace` … `critical`, any case), else the command's default.
public enum ProcessLogger {
    public static func make(label: String, defaultLevel: Logger.Level,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? defaultLevel
        return logger
    }
}
