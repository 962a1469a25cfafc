import Foundation

/// What a test needs from the machine (the shared corpus, Dovecot, sqlite3, systemd-analyze, the built binary).
///
/// Locally a missing prerequisite skips the test, with a reason `make test` lists at the end. Under CI
/// (`CI=true`) it never skips: the test runs and fails on the missing piece, so a broken setup cannot go green.
/// Use it as `@Test(.enabled(if: Prerequisite.met(X.isAvailable), "needs X"))` and, inside the test,
/// `try #require(X.isAvailable, "X is missing")` (or `Prerequisite.require`), which is what fails under CI.
public enum Prerequisite {
    /// True when the environment says this is a CI run (`CI=true` or `CI=1`).
    public static var underCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased()
        return value == "true" || value == "1"
    }

    /// Whether a test that needs something should run: when it is there, and always under CI.
    public static func met(_ available: Bool) -> Bool { available || underCI }

    /// Throws `Missing` naming `what` when it is not available (the failure a CI run reports).
    public static func require(_ available: Bool, _ what: @autoclosure () -> String) throws {
        if !available { throw Missing(what: what()) }
    }

    /// A prerequisite that is not there.
    public struct Missing: Error, CustomStringConvertible {
        public var what: String
        public var description: String { "missing prerequisite: \(what)" }
    }
}
