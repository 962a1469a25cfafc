import Foundation

/// A user of `users.csv` seen as a login of the admin console (§8): its rights and whether it can log in at all.
public struct Login: Sendable, Hashable {
    public var user: UserID
    public var name: String
    public var rights: Set<LoginRight>
    /// Whether a password was set (`admin passwd`); without one the user cannot log in.
    public var hasPassword: Bool

    public init(user: UserID, name: String, rights: Set<LoginRight>, hasPassword: Bool) {
        self.user = user
        self.name = name
        self.rights = rights
        self.hasPassword = hasPassword
    }
}
