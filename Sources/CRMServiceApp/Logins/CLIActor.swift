import CRMCore
import Foundation

/// Who a CLI command acts as (§8 `--as USER`), with the policy that decides whether it may.
///
/// The CLI's authority is write access to the database file: whoever can write it can change anything, so the CLI
/// does not ask for a password. What `--as` adds is accountability: the audit log records the name, with origin
/// `cli`. When `--as` names a user of `users.csv`, that user must hold the right the action needs (`admin` allows
/// all), else the command is refused (exit 2) before anything changes; another name (a script's, a person outside
/// `users.csv`) is recorded as given. Without `--as` the operating-system user is recorded, unchecked.
public struct CLIActor: Sendable, Equatable {
    /// The name the audit log records.
    public var name: String
    /// The login `--as` named, nil when the name is no user of `users.csv`.
    public var login: Login?

    public init(name: String, login: Login?) {
        self.name = name
        self.login = login
    }

    /// Resolves `requested` (`--as`, nil when not given) against `store`; throws `ActorNotAllowed` when it names a
    /// user without `right`.
    public static func resolve(_ requested: String?, in store: any LoginStore, needs right: LoginRight?) throws -> CLIActor {
        guard let requested else { return CLIActor(name: OperatingSystemUser.name, login: nil) }
        let name = requested.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw ActorNotAllowed(actor: requested, problem: .emptyName) }
        let login = try store.login(UserID(name))
        if let login, let right, !login.rights.allows(right) {
            throw ActorNotAllowed(actor: name, problem: .missingRight(right))
        }
        return CLIActor(name: name, login: login)
    }

    /// Whether this actor is the user `user` of `users.csv` (acting on itself: its own password).
    public func isUser(_ user: UserID) -> Bool { login?.user == user }

    /// Checks a further right once the action's target is known (`admin passwd` of another user needs `admin`).
    public func require(_ right: LoginRight) throws {
        if let login, !login.rights.allows(right) {
            throw ActorNotAllowed(actor: name, problem: .missingRight(right))
        }
    }

    /// An audit entry of this actor from the CLI.
    public func audit(_ action: String, target: String, detail: String, at time: Date = Date()) -> AuditLogEntry {
        AuditLogEntry(at: time, actor: name, origin: .cli, action: action, target: target, detail: detail)
    }
}
