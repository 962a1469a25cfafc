import Foundation

/// One SQL value as Store's statements send and read it, whichever engine runs them. SQLite's storage classes;
/// PostgreSQL's values are mapped onto them (integers, booleans as 0/1, floats, text, bytea).
enum DatabaseValue: Sendable, Hashable {
    case null
    case int64(Int64)
    case double(Double)
    case text(String)
    case blob(Data)

    var isNull: Bool { if case .null = self { true } else { false } }
}
