/// Where a person acted, as the audit log records it (§8): a `crmservice` command or the admin console.
public enum AuditOrigin: String, Sendable, Hashable, CaseIterable, Codable {
    case cli
    case console
}
