/// A login operation named a user that `users.csv` does not have (§8: who logs in are the users of `users.csv`).
public struct UnknownLoginUser: Error, Sendable, Equatable, CustomStringConvertible {
    public var user: UserID

    public init(user: UserID) { self.user = user }

    public var description: String { "no user \(user) in users.csv" }
}
