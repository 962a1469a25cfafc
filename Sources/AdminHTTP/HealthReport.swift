import CRMCore
import Foundation

/// The body of `/healthz`: `{"status": "ok"|"degraded", "mailboxes": {NAME: {...}}}` with times in ISO 8601 UTC.
///
/// The status is `ok` (HTTP 200) when every mailbox has not polled yet or has succeeded since its last failure, and
/// `degraded` (HTTP 503) when at least one mailbox's latest poll failed or its after-action cannot be carried out
/// (`after_action_error`). Without credentials only `status` is shown
/// (what a load balancer or monitor needs); the per-mailbox detail needs the admin password. The detail also lists
/// the leases this instance holds (issue 14): `"leases": {KEY: {"holder", "acquired", "expires"}}`, `{}` when none.
public struct HealthReport: Sendable, Equatable, Encodable {
    public enum Status: String, Sendable, Encodable { case ok, degraded }

    public var status: Status
    /// nil when the detail is withheld (no credentials).
    public var mailboxes: [String: MailboxHealth]?
    /// The leases this instance holds, by key; nil when the detail is withheld.
    public var leases: [String: HeldLease]?
    /// This instance and the others sharing the database, and who runs each running run (issue 14); with the detail
    /// only.
    public var instances: InstancesHealth?

    public init(mailboxes: [String: MailboxHealth], detailed: Bool, leases: [Lease] = [],
                instances: InstancesHealth? = nil) {
        status = mailboxes.values.allSatisfy(\.isHealthy) ? .ok : .degraded
        self.mailboxes = detailed ? mailboxes : nil
        self.leases = detailed ? Dictionary(leases.map { ($0.key.rawValue, HeldLease($0)) }, uniquingKeysWith: { $1 }) : nil
        self.instances = detailed ? instances : nil
    }

    /// A lease as `/healthz` shows it.
    public struct HeldLease: Sendable, Equatable, Encodable {
        public var holder: String
        public var acquired: String
        public var expires: String

        init(_ lease: Lease) {
            holder = lease.holder.rawValue
            acquired = MailboxHealth.utc(lease.acquired)
            expires = MailboxHealth.utc(lease.expires)
        }
    }

    /// 200 when `ok`, 503 when `degraded`.
    public var httpStatus: Int { status == .ok ? 200 : 503 }

    enum CodingKeys: String, CodingKey { case status, mailboxes, leases, instances = "instance" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        if let mailboxes { try container.encode(mailboxes, forKey: .mailboxes) }
        if let leases { try container.encode(leases, forKey: .leases) }
        if let instances { try container.encode(instances, forKey: .instances) }
    }

    /// The JSON text (keys sorted), one line.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and nulls cannot fail.
        let data = (try? encoder.encode(self)) ?? Data(#"{"status":"degraded"}"#.utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension MailboxHealth: Encodable {
    enum CodingKeys: String, CodingKey {
        case lastSuccess = "last_success", lastError = "last_error", lastErrorKind = "last_error_kind"
        case lastErrorMessage = "last_error_message", consecutiveFailures = "consecutive_failures"
        case afterActionError = "after_action_error"
    }

    /// Every key is present; absent values are `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lastSuccess.map(Self.utc), forKey: .lastSuccess)
        try container.encode(lastError.map(Self.utc), forKey: .lastError)
        try container.encode(lastErrorKind, forKey: .lastErrorKind)
        try container.encode(lastErrorMessage, forKey: .lastErrorMessage)
        try container.encode(consecutiveFailures, forKey: .consecutiveFailures)
        try container.encode(afterActionError, forKey: .afterActionError)
    }

    /// `2026-11-23T10:04:05Z`.
    static func utc(_ date: Date) -> String {
        CivilTime(seconds: Int64(date.timeIntervalSince1970.rounded(.down))).description + "Z"
    }
}
