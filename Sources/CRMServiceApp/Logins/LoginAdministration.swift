import AdminHTTP
import CRMCore
import Foundation
import Store

/// `crmservice admin users|passwd|grant|revoke` (§8): who may log in to the admin console, and their rights.
/// Every name is checked before anything is written; each change is one transaction with its audit line.
public struct LoginAdministration {
    let database: AppDatabase
    let hashing: any PasswordHashing
    let policy: PasswordPolicy

    /// bcrypt at cost 12 unless `hashing` says otherwise.
    public init(database: AppDatabase, hashing: any PasswordHashing = BcryptPasswordHashing(),
                policy: PasswordPolicy = PasswordPolicy()) {
        self.database = database
        self.hashing = hashing
        self.policy = policy
    }

    /// `admin users`: one line a user, tab-separated: id, name, rights (comma-separated, `-` for none), `password`
    /// or `no-password`, and `locked-until TIME` or `-`.
    public func usersReport(at time: Date = Date()) throws -> String {
        let gate = LoginGate(store: database, hashing: hashing)
        return try database.logins().map { login in
            let rights = login.rights.isEmpty ? "-" : login.rights.sorted().map(\.rawValue).joined(separator: ",")
            let lock = try gate.lockedUntil(login.user, at: time).map { "locked-until \(ISO8601.utcString($0))" } ?? "-"
            let name = login.name.replacingOccurrences(of: "\t", with: " ")
            return "\(login.user)\t\(name)\t\(rights)\t\(login.hasPassword ? "password" : "no-password")\t\(lock)\n"
        }.joined()
    }

    /// The user named, checked against `users.csv`.
    public func login(named name: String) throws -> Login {
        guard let login = try database.login(UserID(name)) else { throw AdminInputError(problem: .unknownUser(name)) }
        return login
    }

    /// The rights named, each checked; at least one.
    public static func rights(named names: [String]) throws -> Set<LoginRight> {
        guard !names.isEmpty else { throw AdminInputError(problem: .noRights) }
        return Set(try names.map { name in
            guard let right = LoginRight(rawValue: name) else { throw AdminInputError(problem: .unknownRight(name)) }
            return right
        })
    }

    /// `admin passwd USER`: checks the password against §8's rules, then stores its hash. Setting another user's
    /// password needs `admin` when `--as` names a user.
    public func setPassword(of name: String, to password: String, actor: CLIActor, at time: Date = Date()) throws {
        let login = try mayChangePassword(of: name, actor: actor)
        do { try policy.check(password) } catch let error as UnacceptablePassword {
            throw AdminInputError(problem: .password(error))
        }
        let hash = try hashing.hash(password)
        try database.setPasswordHash(hash, of: login.user, actor: actor.name, origin: .cli, at: time)
    }

    /// The user whose password `actor` means to set, once it is known to exist and the actor may set it (its own,
    /// or any with `admin` when `--as` names a user): checked before a password is asked for.
    public func mayChangePassword(of name: String, actor: CLIActor) throws -> Login {
        let login = try login(named: name)
        if !actor.isUser(login.user) { try actor.require(.admin) }
        return login
    }

    /// `admin grant USER RIGHT...`; needs `admin` when `--as` names a user.
    public func grant(_ rightNames: [String], to name: String, actor: CLIActor, at time: Date = Date()) throws -> Login {
        let login = try login(named: name)
        let rights = try Self.rights(named: rightNames)
        try actor.require(.admin)
        try database.grant(rights, to: login.user, actor: actor.name, origin: .cli, at: time)
        return try self.login(named: name)
    }

    /// `admin revoke USER RIGHT...`; needs `admin` when `--as` names a user.
    public func revoke(_ rightNames: [String], from name: String, actor: CLIActor, at time: Date = Date()) throws -> Login {
        let login = try login(named: name)
        let rights = try Self.rights(named: rightNames)
        try actor.require(.admin)
        try database.revoke(rights, from: login.user, actor: actor.name, origin: .cli, at: time)
        return try self.login(named: name)
    }
}
