import Configuration
import Foundation

/// The YAML configuration file as swift-configuration reads it, read synchronously (the commands are synchronous), and
/// the keys it holds (for unknown-key detection).
///
/// swift-configuration has no API listing a snapshot's keys; `YAMLSnapshot.debugDescription` prints every
/// `key=value` pair (`NAME[N values: a.b=1, c=x]`). Every piece of it before an `=` is taken as a candidate key and
/// kept when the snapshot holds a value for it, so a value that happens to contain `, x=` adds nothing; the count
/// printed checks the result.
struct ConfigurationFile: Sendable {
    static let providerName = "crmservice-config"

    /// Nil for a file with nothing but blank lines and comments (all defaults).
    let snapshot: YAMLSnapshot?
    /// Every leaf key of the file, dot-separated (`mailboxes.corporate.url`).
    let keys: Set<String>

    /// Parses `bytes`; the thrown problem says why the file is not a configuration.
    init(bytes: [UInt8]) throws(ConfigurationError.Problem) {
        let text = String(decoding: bytes, as: UTF8.self)
        let blank = text.split(whereSeparator: \.isNewline).allSatisfy { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.first == "#" || trimmed == "---" || trimmed == "..."
        }
        if blank {
            snapshot = nil
            keys = []
            return
        }
        let parsed: YAMLSnapshot
        do {
            parsed = try YAMLSnapshot(data: bytes.span.bytes, providerName: Self.providerName, parsingOptions: .default)
        } catch {
            let description = String(describing: error)
            if description.contains("non-scalar value in array at mailboxes") {
                throw ConfigurationError.Problem(
                    key: "mailboxes", message: "must be a mapping keyed by mailbox name (corporate: {url: …}), not a list")
            }
            if description.contains("not a mapping") {
                throw ConfigurationError.Problem(key: nil, message: "the top level must be a mapping (database:, capture:, …)")
            }
            // Yams quotes the offending line under its message: keep the message, on one line.
            let message = description.split(separator: "\n").prefix(2).joined(separator: ": ")
            throw ConfigurationError.Problem(key: nil, message: "not valid YAML for a configuration: \(message)")
        }
        snapshot = parsed
        keys = try Self.keys(of: parsed)
    }

    /// The keys of `snapshot`, recovered from its debug description and checked against it.
    private static func keys(of snapshot: YAMLSnapshot) throws(ConfigurationError.Problem) -> Set<String> {
        let description = snapshot.debugDescription
        let head = "\(providerName)["
        guard description.hasPrefix(head), description.hasSuffix("]"),
              let marker = description.range(of: " values: ") ?? description.range(of: " values:"),
              let count = Int(description[description.index(description.startIndex, offsetBy: head.count)..<marker.lowerBound])
        else { throw ConfigurationError.Problem(key: nil, message: "cannot list the keys of the file") }
        let body = description[marker.upperBound..<description.index(before: description.endIndex)]
        var keys: Set<String> = []
        for piece in body.components(separatedBy: ", ") {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let candidate = String(piece[..<equals])
            if holdsValue(snapshot, candidate) { keys.insert(candidate) }
        }
        guard keys.count == count else {
            throw ConfigurationError.Problem(key: nil, message: "a key holds \"=\" or \", \": keys are plain words")
        }
        return keys
    }

    /// Whether `snapshot` has a value (scalar or list) at the dot-separated `key`.
    private static func holdsValue(_ snapshot: YAMLSnapshot, _ key: String) -> Bool {
        let absolute = AbsoluteConfigKey(key.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        do {
            return try snapshot.value(forKey: absolute, type: .string).value != nil
        } catch {
            return true // a list read as a string: the key is there
        }
    }
}

/// A provider over a snapshot parsed once (what `FileProvider` does, without its asynchronous file read).
struct ConfigurationFileProvider: ConfigProvider {
    let file: ConfigurationFile

    var providerName: String { ConfigurationFile.providerName }

    func value(forKey key: AbsoluteConfigKey, type: ConfigType) throws -> LookupResult {
        guard let snapshot = file.snapshot else { return LookupResult(encodedKey: key.description, value: nil) }
        return try snapshot.value(forKey: key, type: type)
    }

    func fetchValue(forKey key: AbsoluteConfigKey, type: ConfigType) async throws -> LookupResult {
        try value(forKey: key, type: type)
    }

    nonisolated(nonsending) func watchValue<Return: ~Copyable>(
        forKey key: AbsoluteConfigKey, type: ConfigType,
        updatesHandler: nonisolated(nonsending) (ConfigUpdatesAsyncSequence<Result<LookupResult, any Error>, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchValueFromValue(forKey: key, type: type, updatesHandler: updatesHandler)
    }

    func snapshot() -> any ConfigSnapshot { self }

    nonisolated(nonsending) func watchSnapshot<Return: ~Copyable>(
        updatesHandler: nonisolated(nonsending) (ConfigUpdatesAsyncSequence<any ConfigSnapshot, Never>) async throws -> Return
    ) async throws -> Return {
        try await watchSnapshotFromSnapshot(updatesHandler: updatesHandler)
    }
}

extension ConfigurationFileProvider: ConfigSnapshot {}
