/// A password that `PasswordPolicy` refuses, with the rule it breaks.
public struct UnacceptablePassword: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case tooShort(characters: Int, minimum: Int)
        case tooLong(bytes: Int, maximum: Int)
        case containsNUL
    }

    public var problem: Problem

    public init(problem: Problem) { self.problem = problem }

    public var description: String {
        switch problem {
        case .tooShort(let characters, let minimum):
            "the password has \(characters) characters; at least \(minimum) are needed"
        case .tooLong(let bytes, let maximum):
            "the password has \(bytes) bytes of UTF-8; at most \(maximum) can be hashed whole"
        case .containsNUL:
            "the password contains a NUL character"
        }
    }
}
