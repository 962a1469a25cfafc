import Foundation

/// A temporary directory for configuration tests, removed when the value goes away.
final class ConfigurationWorld {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("configtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to `name` in the directory (mode `mode` when given) and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String, mode: Int? = nil) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path) }
        return url.path
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `Fixtures/config` and `config` of this repository.
    static let fixtures = repository.appendingPathComponent("Fixtures/config").path
    static let example = repository.appendingPathComponent("config/crmservice.example.yaml").path
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardizedFileURL
}
