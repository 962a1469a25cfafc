/// Bad input to `cron next`: the option (or `EXPR`) concerned and what is wrong with it; exit status 2.
public struct CronNextError: Error, Sendable, Equatable, CustomStringConvertible {
    public var option: String
    public var message: String
    public var description: String { "\(option): \(message)" }
}
