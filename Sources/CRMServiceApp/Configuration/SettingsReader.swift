import Configuration
import Foundation

/// Reads typed settings through a `ConfigReader`, collecting problems (by key) instead of stopping at the first, and
/// remembering every key asked for: a key of the file never asked for is unknown.
///
/// Values are read as strings and parsed here, so that a wrong value is reported with its key and the values allowed
/// (swift-configuration's non-throwing reads would silently fall back to the default). An empty value (`key:`, `~`,
/// `null`) means the default.
struct SettingsReader {
    let reader: ConfigReader
    /// The leaf keys of the file.
    let fileKeys: Set<String>
    /// The configuration file's directory, which relative paths resolve against.
    let directory: URL
    private(set) var problems: [ConfigurationError.Problem] = []
    private(set) var asked: Set<String> = []

    init(reader: ConfigReader, fileKeys: Set<String>, directory: URL) {
        self.reader = reader
        self.fileKeys = fileKeys
        self.directory = directory
    }

    mutating func problem(_ key: String?, _ message: String) {
        problems.append(ConfigurationError.Problem(key: key, message: message))
    }

    /// A single value, nil when absent or empty.
    mutating func text(_ key: String) -> String? {
        asked.insert(key)
        guard let value = reader.string(forKey: ConfigKey(key)) else {
            if fileKeys.contains(key), reader.stringArray(forKey: ConfigKey(key)) != nil {
                problem(key, "must be a single value, not a list")
            }
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "~" || trimmed == "null" ? nil : trimmed
    }

    /// A list (a single value counts as a list of one; the environment separates items with commas).
    mutating func list(_ key: String) -> [String] {
        asked.insert(key)
        let items = reader.stringArray(forKey: ConfigKey(key)) ?? reader.string(forKey: ConfigKey(key)).map { [$0] } ?? []
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "~" && $0 != "null" }
    }

    /// A whole number in `range`.
    mutating func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) -> Int {
        guard let text = text(key) else { return defaultValue }
        guard let value = Int(text) else {
            problem(key, "\"\(text)\" is not a whole number")
            return defaultValue
        }
        guard range.contains(value) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)"
                : "between \(range.lowerBound) and \(range.upperBound)"
            problem(key, "\(value) is out of range: it must be \(bound)")
            return defaultValue
        }
        return value
    }

    /// `true`/`false` (also `yes`/`no`, `on`/`off`).
    mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let text = text(key) else { return defaultValue }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(key, "\"\(text)\" is not true or false")
            return defaultValue
        }
    }

    /// A file path; a relative one resolves against the configuration file's directory.
    mutating func path(_ key: String) -> String? {
        guard let text = text(key) else { return nil }
        return text.hasPrefix("/") ? text : directory.appendingPathComponent(text).standardizedFileURL.path
    }

    /// A section (`capture`, `jobs.rating`): present in the file only when empty (`capture:` with nothing under it),
    /// which is fine; a value where a mapping belongs is a problem.
    mutating func section(_ key: String) {
        guard fileKeys.contains(key) else { return }
        asked.insert(key)
        let value = reader.string(forKey: ConfigKey(key))?.trimmingCharacters(in: .whitespaces)
        if let value, value.isEmpty || value == "~" || value == "null" { return }
        problem(key, "must be a mapping of settings, not a value")
    }
}
