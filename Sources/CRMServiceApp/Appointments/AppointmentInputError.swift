/// A value of `appointments add|update` or of the appointments CSV that cannot be used: the field (the option without
/// its dashes, or the column) and why.
public struct AppointmentInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
