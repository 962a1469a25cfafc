import CRMCore
import Hummingbird

/// A login lacks the right an action needs (§8): answered 403 with a page saying which right, nothing changed.
public struct ConsoleRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var right: LoginRight
    /// nil when nobody is logged in (a route registered outside the session middleware).
    public var user: UserID?

    public init(right: LoginRight, user: UserID?) {
        self.right = right
        self.user = user
    }

    public var description: String { "\(user?.rawValue ?? "nobody") lacks the right \(right.rawValue)" }
}
