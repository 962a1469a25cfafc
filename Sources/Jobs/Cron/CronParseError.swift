/// A cron expression that cannot be parsed: which field, which token and why (§7). Its description names all three,
/// e.g. `hour: 24 is out of range 0-23`.
public struct CronParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why a token was rejected.
    public enum Reason: Sendable, Equatable {
        /// The expression does not have five fields; the count it has.
        case wrongFieldCount(Int)
        /// An empty list item (`1,,2`) or empty range end.
        case empty
        /// Neither a number nor a name the field accepts.
        case notANumber
        /// A value outside the field's range.
        case outOfRange(ClosedRange<Int>)
        /// A range whose start is after its end (`5-1`).
        case reversedRange
        /// A step that is not a whole number from 1 to the span of the field.
        case badStep
    }

    /// The field concerned; nil when the expression as a whole is wrong (field count).
    public var field: CronField?
    /// The offending token as written.
    public var token: String
    public var reason: Reason

    public init(field: CronField?, token: String, reason: Reason) {
        self.field = field
        self.token = token
        self.reason = reason
    }

    public var description: String {
        let prefix = field.map { "\($0): " } ?? ""
        switch reason {
        case .wrongFieldCount(let n):
            return "\(prefix)'\(token)' has \(n) field\(n == 1 ? "" : "s"), expected 5 (minute hour day-of-month month day-of-week)"
        case .empty:
            return "\(prefix)'\(token)' has an empty value"
        case .notANumber:
            let what = switch field {
            case .month: "a number or month name (JAN-DEC)"
            case .dayOfWeek: "a number or day name (SUN-SAT)"
            default: "a number"
            }
            return "\(prefix)\(token) is not \(what)"
        case .outOfRange(let range):
            return "\(prefix)\(token) is out of range \(range.lowerBound)-\(range.upperBound)"
        case .reversedRange:
            return "\(prefix)\(token) is a range whose start is after its end"
        case .badStep:
            return "\(prefix)\(token) has a step that is not a number from 1 to the field's span"
        }
    }
}
