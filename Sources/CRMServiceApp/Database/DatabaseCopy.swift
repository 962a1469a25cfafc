import Foundation
import Store

/// `crmservice db copy`: moves an installation from one store to another (SQLite to PostgreSQL, back, or SQLite to
/// a new SQLite file), then proves the move by comparing every export of both.
public struct DatabaseCopy {
    public var source: DatabaseLocation
    public var target: DatabaseLocation

    public init(from source: DatabaseLocation, to target: DatabaseLocation) {
        self.source = source
        self.target = target
    }

    /// What a copy did: the rows by table, and the comparison of the exports.
    public struct Outcome: Sendable {
        public var tables: [TableRows]
        public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
        public var comparison: ExportComparison
    }

    /// Copies and compares. Refusals before anything is written (`DatabaseCopyRefused`): a source that does not
    /// exist, a target that is the source, a target that is not empty. Opening creates and migrates the target (and
    /// migrates the source, as every command does).
    public func run() throws -> Outcome {
        if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
            throw DatabaseCopyRefused(problem: "--from: there is no database \(path)")
        }
        if source == target || Self.sameFile(source, target) {
            throw DatabaseCopyRefused(problem: "--to: the target is the source (\(target.shown))")
        }
        let from = try Self.open(source, flag: "--from")
        let to = try Self.open(target, flag: "--to")
        let report: DatabaseCopyReport
        do { report = try from.copyAll(to: to) } catch let error as DatabaseCopyTargetNotEmpty {
            throw DatabaseCopyRefused(problem: "--to: \(error.description)")
        }
        do {
            return Outcome(tables: report.tables, comparison: try ExportComparison.run(source: from, target: to))
        } catch {
            throw DatabaseCopyUnverified(rows: report.totalRows, reason: String(describing: error))
        }
    }

    /// Compares the exports of two stores without copying (`db compare`).
    public func compare() throws -> ExportComparison {
        for (location, flag) in [(source, "--from"), (target, "--to")] {
            if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
                throw DatabaseCopyRefused(problem: "\(flag): there is no database \(path)")
            }
        }
        return try ExportComparison.run(source: try Self.open(source, flag: "--from"), target: try Self.open(target, flag: "--to"))
    }

    private static func open(_ location: DatabaseLocation, flag: String) throws -> AppDatabase {
        do { return try AppDatabase.open(location) } catch {
            throw DatabaseCopyOpenFailed(flag: flag, location: location.shown, reason: String(describing: error))
        }
    }

    private static func sameFile(_ a: DatabaseLocation, _ b: DatabaseLocation) -> Bool {
        guard case .sqlite(let left) = a, case .sqlite(let right) = b else { return false }
        let resolved = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
        return resolved(left) == resolved(right)
    }
}

/// `db copy` refused before writing anything (exit 2): `problem` names the flag.
public struct DatabaseCopyRefused: Error, Sendable, CustomStringConvertible {
    public var problem: String
    public var description: String { problem }
}

/// A store of `db copy` could not be opened (exit 1).
public struct DatabaseCopyOpenFailed: Error, Sendable, CustomStringConvertible {
    public var flag: String
    public var location: String
    public var reason: String
    public var description: String { "\(flag): cannot open \(location): \(reason)" }
}

/// The rows were copied (and committed) but an export failed on one side, so the copy is not verified (exit 1).
public struct DatabaseCopyUnverified: Error, Sendable, CustomStringConvertible {
    public var rows: Int
    public var reason: String
    public var description: String {
        "copied \(rows) rows, but the verification could not run: \(reason); do not switch to the target before "
            + "`db compare` reports every export equal"
    }
}
