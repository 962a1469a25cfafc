import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
@testable import Store

/// A fresh database file in its own temporary directory, removed when the value goes away.
final class FreshDatabase {
    let directory: URL
    let database: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("capturetests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `text` to a file in the test's directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Imports the address book of `Fixtures/capture`.
    func importFixtureBook() throws {
        let importer = ReferenceImporter(database: database)
        for kind in [ImportKind.accounts, .users, .contacts, .orders] {
            _ = try importer.importFile(kind, path: Fixture.capture + "/\(kind.rawValue).csv")
        }
    }

    /// `export KIND` as JSON Lines text.
    func export(_ kind: ExportKind, format: ExportFormat = .jsonl) throws -> String {
        var bytes: [UInt8] = []
        try ReferenceExporter(database: database).export(kind, format: format) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `export KIND` as JSON objects.
    func objects(_ kind: ExportKind) throws -> [[String: Any]] {
        try export(kind).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }
}

enum Fixture {
    /// `Fixtures/capture` of this repository.
    static let capture: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/capture").path
    }()
}
