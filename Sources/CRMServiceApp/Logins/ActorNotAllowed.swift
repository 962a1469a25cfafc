import CRMCore

/// `--as` named someone who may not do what the command does (§8); nothing was changed.
public struct ActorNotAllowed: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case emptyName
        case missingRight(LoginRight)
    }

    public var actor: String
    public var problem: Problem

    public var description: String {
        switch problem {
        case .emptyName: "--as needs a name"
        case .missingRight(let right): "--as \(actor): user \(actor) lacks the right \(right.rawValue)"
        }
    }
}
