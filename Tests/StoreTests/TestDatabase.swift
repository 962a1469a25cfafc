import StoreTestSupport
import Foundation
@testable import Store

/// A fresh database file in its own temporary directory, removed when the value goes away.
final class TestDatabase {
    let directory: URL
    let database: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("storetests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
