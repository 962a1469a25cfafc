import StoreTestSupport
import Capture
import CRMCore
import CRMServiceApp
import Foundation
import Logging
import Synchronization
@testable import Store

/// A fresh database file in its own temporary directory, removed when the value goes away.
final class PollDatabase: @unchecked Sendable {
    let directory: URL
    let path: String
    let database: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("polltests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("crm.sqlite").path
        database = try TestStore.open(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to a file with `mode` in the test's directory and returns its path.
    func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url.path
    }

    func checkpoint(_ mailbox: String) throws -> MailboxCheckpoint? {
        try database.inCaptureTransaction { try $0.checkpoint(of: mailbox) }
    }

    /// `export KIND` as JSON objects.
    func objects(_ kind: ExportKind) throws -> [[String: Any]] {
        var bytes: [UInt8] = []
        try ReferenceExporter(database: database).export(kind, format: .jsonl) { bytes += $0 }
        return try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// The sources of every stored message (activities and unmatched entries), `mailbox ref` strings.
    func sources() throws -> [String] {
        try (objects(.activities) + objects(.unmatched)).flatMap { object in
            (object["sources"] as? [[String: Any]] ?? []).map { "\($0["mailbox"]!) \($0["ref"]!)" }
        }.sorted()
    }

    /// Message ids of the stored activities and unmatched entries.
    func storedMessageIDs() throws -> [String] {
        try (objects(.activities) + objects(.unmatched)).compactMap { $0["message_id"] as? String }.sorted()
    }
}

/// Records what the poller reports.
final class RecordingObserver: PollObserver {
    private let state = Mutex<(captured: [PolledOutcome], succeeded: Int, failed: [(PollErrorKind, String)])>(([], 0, []))

    func captured(mailbox: String, outcome: PolledOutcome) { state.withLock { $0.captured.append(outcome) } }
    func pollSucceeded(mailbox: String, at time: Date, duration: Duration) { state.withLock { $0.succeeded += 1 } }
    func pollFailed(mailbox: String, at time: Date, kind: PollErrorKind, message: String) {
        state.withLock { $0.failed.append((kind, message)) }
    }

    var captured: [PolledOutcome] { state.withLock { $0.captured } }
    var succeeded: Int { state.withLock { $0.succeeded } }
    var failed: [(PollErrorKind, String)] { state.withLock { $0.failed } }
}

let quietLogger = Logger(label: "polling-tests") { _ in SwiftLogNoOpLogHandler() }
