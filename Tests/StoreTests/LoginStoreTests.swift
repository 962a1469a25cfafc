import StoreTestSupport
import CRMCore
import Foundation
import GRDB
import Testing
@testable import Store

private func t(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(1_790_000_000 + seconds)) }

private func hex(_ n: Int) -> String { String(repeating: String(n % 10), count: 64) }

@Suite("Store: logins, rights, sessions and the audit log (§8)") struct LoginStoreTests {
    let db: TestDatabase
    var path: String { db.directory.appendingPathComponent("crm.sqlite").path }

    init() throws {
        db = try TestDatabase()
        try db.database.importUsers([
            UserRecord(id: UserID("anna"), name: "Anna Berg", addresses: [EmailAddress("anna@example.com")!]),
            UserRecord(id: UserID("bob"), name: "Bob Stein", addresses: []),
        ])
    }

    @Test("§8 who logs in are the users of users.csv: every user is a login, without rights or password at first")
    func loginsAreUsers() throws {
        let applied = try db.database.appliedMigrations()
        #expect(applied.contains("v5-logins"))
        #expect(try db.database.logins() == [
            Login(user: UserID("anna"), name: "Anna Berg", rights: [], hasPassword: false),
            Login(user: UserID("bob"), name: "Bob Stein", rights: [], hasPassword: false),
        ])
        #expect(try db.database.login(UserID("carl")) == nil)
    }

    @Test("§8 grant and revoke change rights, audited with actor, target and rights in the same write")
    func grantAndRevoke() throws {
        try db.database.grant([.review, .scheduler], to: UserID("anna"), actor: "root", at: t(0))
        try db.database.grant([.review, .admin], to: UserID("anna"), actor: "bob", origin: .console, at: t(1))
        try db.database.revoke([.scheduler, .archive], from: UserID("anna"), actor: "root", at: t(2))
        #expect(try TestStore.open(path: path).login(UserID("anna"))?.rights == [.review, .admin])
        let audit = try db.database.auditEntries()
        #expect(audit.map(\.action) == ["grant", "grant", "revoke"])
        #expect(audit.map(\.actor) == ["root", "bob", "root"])
        #expect(audit.map(\.origin) == [.cli, .console, .cli])
        #expect(audit.allSatisfy { $0.target == "user anna" })
        #expect(audit[2].detail == "rights archive scheduler; now review admin")
        #expect(audit.map(\.at) == [t(0), t(1), t(2)])
        #expect(audit.compactMap(\.id).count == 3)
    }

    @Test("§8 an unknown user is refused and nothing is written, not even the audit line")
    func unknownUser() throws {
        #expect(throws: UnknownLoginUser(user: UserID("carl"))) {
            try db.database.grant([.review], to: UserID("carl"), actor: "root", at: t(0))
        }
        #expect(throws: UnknownLoginUser(user: UserID("carl"))) {
            try db.database.setPasswordHash("$2b$04$x", of: UserID("carl"), actor: "root", at: t(0))
        }
        #expect(throws: UnknownLoginUser(user: UserID("carl"))) {
            try db.database.recordLoginAttempt(UserID("carl"), succeeded: false, origin: "console", at: t(0))
        }
        #expect(try db.database.auditEntries().isEmpty)
    }

    @Test("§8 only the hash is stored; setting it is audited without it and ends the user's sessions")
    func passwordHash() throws {
        try db.database.createSession(ConsoleSession(tokenHash: hex(1), user: UserID("anna"), csrfToken: "c1",
                                                     createdAt: t(0), lastSeenAt: t(0)))
        try db.database.createSession(ConsoleSession(tokenHash: hex(2), user: UserID("bob"), csrfToken: "c2",
                                                     createdAt: t(0), lastSeenAt: t(0)))
        try db.database.setPasswordHash("$2b$04$first", of: UserID("anna"), actor: "root", at: t(1))
        try db.database.setPasswordHash("$2b$04$second", of: UserID("anna"), actor: "anna", at: t(2))
        #expect(try db.database.passwordHash(of: UserID("anna")) == "$2b$04$second")
        #expect(try db.database.passwordHash(of: UserID("bob")) == nil)
        #expect(try db.database.login(UserID("anna"))?.hasPassword == true)
        #expect(try db.database.session(tokenHash: hex(1)) == nil)
        #expect(try db.database.session(tokenHash: hex(2)) != nil)
        let audit = try db.database.auditEntries()
        #expect(audit.map { "\($0.actor) \($0.action) \($0.target)" } == ["root passwd user anna", "anna passwd user anna"])
        #expect(!audit.contains { $0.detail.contains("$2b$") })
    }

    @Test("§8 login attempts: failures since a time for the lockout, each attempt audited with its origin")
    func loginAttempts() throws {
        try db.database.recordLoginAttempt(UserID("anna"), succeeded: false, origin: "console 192.0.2.7", at: t(0))
        try db.database.recordLoginAttempt(UserID("anna"), succeeded: true, origin: "cli", at: t(10))
        try db.database.recordLoginAttempt(UserID("anna"), succeeded: false, origin: "console", at: t(20))
        try db.database.recordLoginAttempt(UserID("bob"), succeeded: false, origin: "console", at: t(30))
        #expect(try db.database.failedLoginTimes(of: UserID("anna"), since: t(0)) == [t(0), t(20)])
        #expect(try db.database.failedLoginTimes(of: UserID("anna"), since: t(1)) == [t(20)])
        let audit = try db.database.auditEntries()
        #expect(audit.map(\.origin) == [.console, .cli, .console, .console])
        #expect(audit[0].detail == "failed from console 192.0.2.7")
        #expect(audit[1].detail == "succeeded from cli")
        #expect(audit.map(\.actor) == ["anna", "anna", "anna", "bob"])
    }

    @Test("§8 sessions round-trip, survive reopening the database file, and are touched and deleted")
    func sessionsSurviveReopening() throws {
        let session = ConsoleSession(tokenHash: hex(3), user: UserID("anna"), csrfToken: "csrf-3", createdAt: t(0),
                                     lastSeenAt: t(5))
        try db.database.createSession(session)
        let reopened = try TestStore.open(path: path)
        #expect(try reopened.session(tokenHash: hex(3)) == session)
        try reopened.touchSession(tokenHash: hex(3), at: t(60))
        #expect(try db.database.session(tokenHash: hex(3))?.lastSeenAt == t(60))
        try reopened.deleteSession(tokenHash: hex(3))
        #expect(try db.database.session(tokenHash: hex(3)) == nil)
    }

    @Test("§8 sessions idle 8 hours are removed by deleteSessions(lastSeenBefore:), the others stay")
    func deleteIdleSessions() throws {
        for (n, seen) in [(4, 0), (5, 100), (6, 200)] {
            try db.database.createSession(ConsoleSession(tokenHash: hex(n), user: UserID("bob"), csrfToken: "c\(n)",
                                                         createdAt: t(0), lastSeenAt: t(seen)))
        }
        #expect(try db.database.deleteSessions(lastSeenBefore: t(200)) == 2)
        #expect(try db.database.session(tokenHash: hex(4)) == nil)
        #expect(try db.database.session(tokenHash: hex(5)) == nil)
        #expect(try db.database.session(tokenHash: hex(6)) != nil)
        #expect(try db.database.deleteSessions(lastSeenBefore: t(200)) == 0)
    }

    @Test("§8 re-importing users.csv keeps passwords, rights and sessions")
    func reimportKeepsLogins() throws {
        try db.database.grant([.review], to: UserID("anna"), actor: "root", at: t(0))
        try db.database.setPasswordHash("$2b$04$h", of: UserID("anna"), actor: "root", at: t(0))
        try db.database.createSession(ConsoleSession(tokenHash: hex(7), user: UserID("anna"), csrfToken: "c",
                                                     createdAt: t(1), lastSeenAt: t(1)))
        try db.database.importUsers([UserRecord(id: UserID("anna"), name: "Anna Berg-Lund", addresses: [])])
        #expect(try db.database.login(UserID("anna")) ==
                Login(user: UserID("anna"), name: "Anna Berg-Lund", rights: [.review], hasPassword: true))
        #expect(try db.database.session(tokenHash: hex(7)) != nil)
    }

    @Test("§8 audit entries appended through the port keep actor, origin and ids; the log is oldest first")
    func auditPort() throws {
        try db.database.appendAudit(AuditLogEntry(at: t(5), actor: "anna", origin: .console, action: "dismiss",
                                                  target: "unmatched 3", detail: "spam"))
        try db.database.appendAudit(AuditLogEntry(at: t(1), actor: "root", action: "assign", target: "unmatched 4",
                                                  detail: "contact C1"))
        let audit = try TestStore.open(path: path).auditEntries()
        #expect(audit.map(\.target) == ["unmatched 3", "unmatched 4"])
        #expect(audit[0] == AuditLogEntry(id: audit[0].id, at: t(5), actor: "anna", origin: .console,
                                          action: "dismiss", target: "unmatched 3", detail: "spam"))
        #expect(audit[1].origin == .cli)
        #expect(try db.database.auditLog() == audit)
    }
}
