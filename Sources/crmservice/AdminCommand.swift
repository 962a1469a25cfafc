import ArgumentParser
import CRMCore
import CRMServiceApp

/// `crmservice admin users|passwd USER|grant USER RIGHT...|revoke USER RIGHT...` (§8): who may log in to the admin
/// console, and their rights. An unknown user or right is exit 2 naming it, and nothing is written.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Logins of the admin console: passwords and rights of the users of users.csv.",
        discussion: "Rights: \(LoginRight.allCases.map(\.rawValue).joined(separator: ", ")) (admin: all, and granting).",
        subcommands: [Users.self, Passwd.self, Grant.self, Revoke.self]
    )

    /// `admin users`.
    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the users: id, name, rights, whether a password is set, and any lock (tab-separated).")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let administration = LoginAdministration(database: try database.openStore())
            try adminFailures { print(try administration.usersReport(), terminator: "") }
        }
    }

    /// `admin passwd USER [--password-file F]`.
    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's console password (at least 12 characters, at most 72 bytes).",
            discussion: """
                Asked twice on the terminal without echo, or read from --password-file (readable by its owner \
                only; the trailing line break is not part of it). Only a bcrypt hash is stored, and the user's \
                console sessions end. Another user's password needs the right admin when --as names a user.
                """)
        @Argument(help: "The user's id in users.csv.") var user: String
        @Option(help: "Read the password from this file instead of the terminal.") var passwordFile: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: nil)
            let administration = LoginAdministration(database: store)
            try adminFailures {
                _ = try administration.mayChangePassword(of: user, actor: acting) // before asking for a password
                let password: String
                if let passwordFile {
                    do { password = try SecretFile.read(passwordFile).value } catch let error as SecretFileError {
                        throw CommandFailure.badInput(error.description)
                    }
                } else {
                    password = try TerminalPassword.read()
                }
                try administration.setPassword(of: user, to: password, actor: acting)
            }
            print("password of \(user) set")
        }
    }

    /// `admin grant USER RIGHT...`.
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a user rights (needs admin when --as names a user).")
        @Argument(help: "The user's id in users.csv.") var user: String
        @Argument(help: "One or more rights.") var rights: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: nil)
            let administration = LoginAdministration(database: store)
            try adminFailures {
                let login = try administration.grant(rights, to: user, actor: acting)
                print("\(user): \(Self.describe(login.rights))")
            }
        }

        static func describe(_ rights: Set<LoginRight>) -> String {
            rights.isEmpty ? "no rights" : rights.sorted().map(\.rawValue).joined(separator: ",")
        }
    }

    /// `admin revoke USER RIGHT...`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take rights from a user (needs admin when --as names a user).")
        @Argument(help: "The user's id in users.csv.") var user: String
        @Argument(help: "One or more rights.") var rights: [String] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: nil)
            let administration = LoginAdministration(database: store)
            try adminFailures {
                let login = try administration.revoke(rights, from: user, actor: acting)
                print("\(user): \(Grant.describe(login.rights))")
            }
        }
    }
}

/// Maps the admin commands' errors to the exit statuses: bad input and refusals 2, everything else 1.
private func adminFailures(_ body: () throws -> Void) throws {
    do { try body() } catch let error as CommandFailure {
        throw error
    } catch let error as AdminInputError {
        throw CommandFailure.badInput(error.description)
    } catch let error as ActorNotAllowed {
        throw CommandFailure.badInput(error.description)
    } catch let error as UnacceptablePassword {
        throw CommandFailure.badInput(error.description)
    } catch let error as UnknownLoginUser {
        throw CommandFailure.badInput(error.description)
    } catch {
        throw CommandFailure.failed("admin: \(error)")
    }
}
