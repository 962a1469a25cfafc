import Foundation

/// `../shared/corpus` (MimeKit's and mail-parser's test messages), resolved from the package root, never from the
/// working directory: a test run from anywhere reads the same files, and CI (a clone with `../shared` beside it)
/// finds them where a developer does. `CRMSERVICE_CORPUS` points elsewhere (a checkout laid out differently).
public enum SharedCorpus {
    /// The package root: this file is `Tests/TestSupport/SharedCorpus.swift`.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["CRMSERVICE_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        return packageRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
    }()

    /// Whether the corpus is there (both of its collections: a half-copied corpus is not one).
    public static var isAvailable: Bool {
        ["MimeKit", "mail-parser"].allSatisfy {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path)
        }
    }

    /// Throws under CI (and wherever the test runs anyway) when the corpus is not there.
    public static func require() throws {
        try Prerequisite.require(isAvailable, "the shared corpus at \(root.path)")
    }
}
