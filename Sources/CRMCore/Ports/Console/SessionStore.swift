import Foundation

/// Console sessions in the database, so they survive a restart (§8). Implemented by Store.
public protocol SessionStore: Sendable {
    func createSession(_ session: ConsoleSession) throws
    /// The session with that token hash, nil when there is none (expired ones included: the caller checks).
    func session(tokenHash: String) throws -> ConsoleSession?
    /// Moves the session's `lastSeenAt` to `time`.
    func touchSession(tokenHash: String, at time: Date) throws
    /// Ends one session (logout).
    func deleteSession(tokenHash: String) throws
    /// Removes every session last seen before `time`; returns how many.
    func deleteSessions(lastSeenBefore time: Date) throws -> Int
}
