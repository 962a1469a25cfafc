import CRMCore
import Foundation

/// The console's `ArchiveConsole` (§8, §10): `ArchiveService` with the console as the audit's origin; refusals and
/// archives that are not available become `ArchiveActionRefused` (the page's notice).
public struct ConsoleArchives: ArchiveConsole {
    let service: ArchiveService

    public init(service: ArchiveService) { self.service = service }

    public func archives() throws -> [ArchiveRecord] { try service.list() }

    public func download(_ id: ArchiveID, user: UserID, password: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crmservice-archive-\(UUID().uuidString).zip").path
        try refusals { try service.download(id, to: path, credentials: credentials(user, password), origin: .console) }
        return path
    }

    public func delete(_ id: ArchiveID, user: UserID, password: String) throws {
        try refusals { _ = try service.delete(id, credentials: credentials(user, password), origin: .console) }
    }

    public func restore(_ id: ArchiveID, user: UserID, password: String) throws {
        try refusals { _ = try service.restore(id, credentials: credentials(user, password), origin: .console) }
    }

    private func credentials(_ user: UserID, _ password: String) -> ArchiveCredentials {
        ArchiveCredentials(user: user.rawValue) { password }
    }

    private func refusals(_ body: () throws -> Void) throws {
        do { try body() } catch let refused as ArchiveRefused {
            throw ArchiveActionRefused(reason: refused.reason.rawValue)
        } catch let unavailable as ArchiveUnavailable {
            throw ArchiveActionRefused(reason: unavailable.description)
        }
    }
}
