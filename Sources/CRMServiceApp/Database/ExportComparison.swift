import CRMCore
import Store

/// Every export (`crmservice export KIND`, each KIND in each format) of two stores, compared byte for byte: how
/// `db copy` proves that the target holds what the source held, as the administrator and every report see it.
public struct ExportComparison: Sendable {
    /// One export of both stores.
    public struct Line: Sendable, Equatable {
        public var kind: ExportKind
        public var format: ExportFormat
        public var sourceLines: Int
        public var targetLines: Int
        public var equal: Bool
        /// The first line (1-based) that differs, when they differ.
        public var firstDifference: Int?
    }

    public var lines: [Line]
    public var allEqual: Bool { lines.allSatisfy(\.equal) }

    /// Runs every export of `source` and of `target`. Each side is read as its own exports read it (a snapshot each),
    /// so nothing may write to either meanwhile: `db copy` runs with the service stopped.
    public static func run(source: AppDatabase, target: AppDatabase) throws -> ExportComparison {
        var lines: [Line] = []
        for kind in ExportKind.allCases {
            for format in ExportFormat.allCases {
                let left = try Digest(of: source, kind, format)
                let right = try Digest(of: target, kind, format)
                let common = min(left.lineHashes.count, right.lineHashes.count)
                let differing = (0..<common).first { left.lineHashes[$0] != right.lineHashes[$0] }
                    ?? (left.lineHashes.count == right.lineHashes.count ? nil : common)
                let equal = left.sha256 == right.sha256 && left.bytes == right.bytes
                lines.append(Line(kind: kind, format: format, sourceLines: left.lineHashes.count,
                                  targetLines: right.lineHashes.count, equal: equal,
                                  firstDifference: equal ? nil : (differing ?? 0) + 1))
            }
        }
        return ExportComparison(lines: lines)
    }

    /// The table `db copy` prints: one export a row, `equal` or `DIFFERENT (first at line N)`.
    public var table: String {
        let width = max(6, ExportKind.allCases.map(\.rawValue.count).max() ?? 0)
        func padded(_ text: String, _ size: Int) -> String { text + String(repeating: " ", count: max(0, size - text.count)) }
        var text = padded("export", width) + "  format  source lines  target lines  result\n"
        for line in lines {
            let result = line.equal ? "equal" : "DIFFERENT (first at line \(line.firstDifference ?? 1))"
            text += padded(line.kind.rawValue, width) + "  " + padded(line.format.rawValue, 6) + "  "
                + padded(String(line.sourceLines), 12) + "  " + padded(String(line.targetLines), 12) + "  " + result + "\n"
        }
        return text
    }

    /// One export's SHA-256, size, and a hash a line (to name the first differing line).
    private struct Digest {
        var sha256: [UInt8]
        var bytes = 0
        var lineHashes: [Int] = []

        init(of database: AppDatabase, _ kind: ExportKind, _ format: ExportFormat) throws {
            var hasher = SHA256()
            var bytes = 0
            var lineHashes: [Int] = []
            try ReferenceExporter(database: database).export(kind, format: format) { line in
                hasher.update(line)
                bytes += line.count
                var lineHasher = Hasher()
                lineHasher.combine(line)
                lineHashes.append(lineHasher.finalize())
            }
            self.sha256 = hasher.finalize()
            self.bytes = bytes
            self.lineHashes = lineHashes
        }
    }
}
