import CRMCore

/// Why a review action (§5) cannot be done; maps to exit status 2 (bad input) at the edge.
public struct ReviewError: Error, Hashable, Sendable, CustomStringConvertible {
    public var entry: Int64
    public var message: String

    public init(entry: Int64, message: String) {
        self.entry = entry
        self.message = message
    }

    public var description: String { "unmatched entry \(entry): \(message)" }
}
