import CRMCore
import Foundation

/// The console's logins (§8): each method one transaction; each change of a person is audited inside it, so the
/// change and its audit line are committed together or not at all.
extension AppDatabase: LoginStore {
    public func logins() throws -> [Login] {
        try writer.read { db in
            let rights = try Self.rightsByUser(db, sql: "SELECT user_id, \"right\" FROM login_rights", arguments: [])
            return try Row.fetchAll(db, sql: """
                SELECT u.id, u.name, p.user_id IS NOT NULL FROM users u LEFT JOIN login_passwords p ON p.user_id = u.id
                ORDER BY u.id
                """).map { row in
                let user = UserID(row[0] as String)
                return Login(user: user, name: row[1], rights: rights[user] ?? [], hasPassword: row[2])
            }
        }
    }

    public func login(_ user: UserID) throws -> Login? {
        try writer.read { db in try Self.login(db, user) }
    }

    public func passwordHash(of user: UserID) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM login_passwords WHERE user_id = ?",
                                arguments: [user.rawValue])
        }
    }

    public func setPasswordHash(_ hash: String, of user: UserID, actor: String, at time: Date) throws {
        try setPasswordHash(hash, of: user, actor: actor, origin: .cli, at: time)
    }

    /// Stores `user`'s password hash and ends the user's console sessions (a new password shuts out whoever knew the
    /// old one); audited as `actor` from `origin`.
    public func setPasswordHash(_ hash: String, of user: UserID, actor: String, origin: AuditOrigin,
                                at time: Date) throws {
        try writer.write { db in
            guard try Self.login(db, user) != nil else { throw UnknownLoginUser(user: user) }
            try db.execute(sql: """
                INSERT INTO login_passwords (user_id, hash, set_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at
                """, arguments: [user.rawValue, hash, Self.timestamp(time)])
            try db.execute(sql: "DELETE FROM console_sessions WHERE user_id = ?", arguments: [user.rawValue])
            try Self.insertAudit(db, AuditLogEntry(at: time, actor: actor, origin: origin, action: "passwd",
                                                   target: "user \(user)", detail: "password set"))
        }
    }

    public func grant(_ rights: Set<LoginRight>, to user: UserID, actor: String, at time: Date) throws {
        try grant(rights, to: user, actor: actor, origin: .cli, at: time)
    }

    /// Adds `rights` to `user`'s; audited as `actor` from `origin` with the rights named and those the user then holds.
    public func grant(_ rights: Set<LoginRight>, to user: UserID, actor: String, origin: AuditOrigin,
                      at time: Date) throws {
        try changeRights(rights, of: user, granting: true, actor: actor, origin: origin, at: time)
    }

    public func revoke(_ rights: Set<LoginRight>, from user: UserID, actor: String, at time: Date) throws {
        try revoke(rights, from: user, actor: actor, origin: .cli, at: time)
    }

    /// Takes `rights` from `user`; audited as `actor` from `origin`.
    public func revoke(_ rights: Set<LoginRight>, from user: UserID, actor: String, origin: AuditOrigin,
                       at time: Date) throws {
        try changeRights(rights, of: user, granting: false, actor: actor, origin: origin, at: time)
    }

    /// `origin` is free text (`console`, `cli`, `console 192.0.2.7`); its first word says the audit origin, the
    /// whole of it goes into the attempt and the audit detail. Attempts older than a day are dropped: the lockout
    /// looks back 30 minutes, the audit log keeps them all.
    public func recordLoginAttempt(_ user: UserID, succeeded: Bool, origin: String, at time: Date) throws {
        try writer.write { db in
            guard try Self.login(db, user) != nil else { throw UnknownLoginUser(user: user) }
            try db.execute(sql: "INSERT INTO login_attempts (user_id, at, succeeded, origin) VALUES (?, ?, ?, ?)",
                           arguments: [user.rawValue, Self.timestamp(time), succeeded, origin])
            try db.execute(sql: "DELETE FROM login_attempts WHERE user_id = ? AND at < ?",
                           arguments: [user.rawValue, Self.timestamp(time.addingTimeInterval(-86_400))])
            let word = origin.split(separator: " ").first.map(String.init) ?? ""
            try Self.insertAudit(db, AuditLogEntry(
                at: time, actor: user.rawValue, origin: AuditOrigin(rawValue: word) ?? .console, action: "login",
                target: "user \(user)", detail: "\(succeeded ? "succeeded" : "failed") from \(origin)"))
        }
    }

    public func failedLoginTimes(of user: UserID, since time: Date) throws -> [Date] {
        try writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT at FROM login_attempts WHERE user_id = ? AND succeeded = 0 AND at >= ? ORDER BY at, id
                """, arguments: [user.rawValue, Self.timestamp(time)]).compactMap(Self.date)
        }
    }

    private func changeRights(_ rights: Set<LoginRight>, of user: UserID, granting: Bool, actor: String,
                              origin: AuditOrigin, at time: Date) throws {
        try writer.write { db in
            guard try Self.login(db, user) != nil else { throw UnknownLoginUser(user: user) }
            for right in rights.sorted() {
                try db.execute(sql: granting
                    ? "INSERT INTO login_rights (user_id, \"right\") VALUES (?, ?) ON CONFLICT DO NOTHING"
                    : "DELETE FROM login_rights WHERE user_id = ? AND \"right\" = ?",
                    arguments: [user.rawValue, right.rawValue])
            }
            let now = try Self.login(db, user)?.rights ?? []
            try Self.insertAudit(db, AuditLogEntry(
                at: time, actor: actor, origin: origin, action: granting ? "grant" : "revoke", target: "user \(user)",
                detail: "rights \(Self.names(rights)); now \(Self.names(now))"))
        }
    }

    static func names(_ rights: Set<LoginRight>) -> String {
        rights.isEmpty ? "none" : rights.sorted().map(\.rawValue).joined(separator: " ")
    }

    static func login(_ db: Database, _ user: UserID) throws -> Login? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT u.name, p.user_id IS NOT NULL FROM users u LEFT JOIN login_passwords p ON p.user_id = u.id
            WHERE u.id = ?
            """, arguments: [user.rawValue]) else { return nil }
        let rights = try rightsByUser(db, sql: "SELECT user_id, \"right\" FROM login_rights WHERE user_id = ?",
                                      arguments: [user.rawValue])
        return Login(user: user, name: row[0], rights: rights[user] ?? [], hasPassword: row[1])
    }

    private static func rightsByUser(_ db: Database, sql: String,
                                     arguments: StatementArguments) throws -> [UserID: Set<LoginRight>] {
        var rights: [UserID: Set<LoginRight>] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            // The CHECK constraint admits only known rights; one this release does not know is skipped, not fatal.
            guard let right = LoginRight(rawValue: row[1]) else { continue }
            rights[UserID(row[0] as String), default: []].insert(right)
        }
        return rights
    }
}
