import ArgumentParser
import CRMCore
import CRMServiceApp

/// `--as USER` (§8): who a command that acts on data acts as. See `CLIActor` for the policy: a user of `users.csv`
/// named here must hold the action's right (exit 2 otherwise, nothing changed); the default is the
/// operating-system user.
struct ActorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Who acts, for the audit log (default: the operating-system user).",
        discussion: "A user of users.csv named here must hold the right the action needs.",
        valueName: "user"))
    var actor: String?

    /// The actor, checked for `right`; a refusal is exit 2.
    func resolve(in database: StoreDatabase, needs right: LoginRight?) throws -> CLIActor {
        do { return try CLIActor.resolve(actor, in: database, needs: right) } catch let error as ActorNotAllowed {
            throw CommandFailure.badInput(error.description)
        } catch {
            throw CommandFailure.failed("cannot read the logins: \(error)")
        }
    }
}

extension CLIActor {
    /// Appends this actor's audit line for an action that has been committed (actions whose own transaction does
    /// not write one: rating, jobs, imports).
    func record(_ action: String, target: String, detail: String, in database: StoreDatabase) throws {
        do { try database.appendAudit(audit(action, target: target, detail: detail)) } catch {
            throw CommandFailure.failed("\(action) done, but its audit line could not be written: \(error)")
        }
    }
}
