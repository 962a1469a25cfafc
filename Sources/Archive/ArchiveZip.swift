import CRMCore
import Foundation
import Glibc

/// `archive download` (§10): writes the ZIP of an archive — `manifest.json` first, then every file of the stream
/// (`activities.jsonl`, `unmatched.jsonl`, `job-runs.jsonl`, `messages/SHA256.eml`) as it is inflated — to a
/// temporary file beside `path`, renamed over `path` only once whole and the archive's checksum found right.
public enum ArchiveZip {
    public static func write(_ source: any ArchiveStreamSource, manifest: [UInt8], to path: String, date: Date) throws {
        let temporary = path + ".part-\(getpid())"
        do {
            let zip = try ZipStreamWriter(path: temporary, date: date)
            var rest = manifest[...]
            try zip.add("manifest.json", size: Int64(manifest.count)) { count in
                defer { rest = rest.dropFirst(count) }
                return Array(rest.prefix(count))
            }
            while let entry = try source.next() {
                guard case .file(let name, let size) = entry else { continue }
                try zip.add(name, size: size) { try source.read(upTo: $0) }
            }
            try zip.finish()
            guard rename(temporary, path) == 0 else { throw ZipWriteFailed(path: path, errno: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}
