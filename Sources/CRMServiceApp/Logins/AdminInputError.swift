import CRMCore

/// Bad input to an `admin` command (exit 2): the user, right or password at fault.
public struct AdminInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case unknownUser(String)
        case unknownRight(String)
        case noRights
        case password(UnacceptablePassword)
        case passwordsDiffer
        case noTerminal
    }

    public var problem: Problem

    public init(problem: Problem) { self.problem = problem }

    public var description: String {
        switch problem {
        case .unknownUser(let name): "no user \(name) in users.csv"
        case .unknownRight(let name):
            "no right \(name); rights are \(LoginRight.allCases.map(\.rawValue).joined(separator: ", "))"
        case .noRights: "name at least one right"
        case .password(let error): error.description
        case .passwordsDiffer: "the two passwords differ"
        case .noTerminal: "standard input is no terminal: give --password-file FILE"
        }
    }
}
