import CRMCore
import Foundation

/// How an import is recorded (§7: every import is a run of the job `import`; §8: every action of a person is
/// audited): written in the import's own transaction, or alone when the file is rejected.
public struct ImportRunRecord: Sendable {
    /// The run log's job name of every import.
    public static let job = "import"

    /// The first message of the run: what was imported from where (`accounts from accounts.csv`).
    public var title: String
    public var startedAt: Date
    public var endedAt: Date
    /// The audit line of the person who imported, or nil; the outcome is appended to its detail (`N rows: 1 inserted,
    /// 0 updated, 0 unchanged` or `rejected: 2 problems, nothing written`).
    public var audit: AuditLogEntry?

    public init(title: String, startedAt: Date, endedAt: Date, audit: AuditLogEntry?) {
        self.title = title
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.audit = audit
    }
}
