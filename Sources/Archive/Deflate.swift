import Foundation
import ZIPFoundation

/// Raw deflate (RFC 1951) through zlib, as ZIPFoundation exposes it on Linux: the archive's chunks and the ZIP's
/// entries.
enum Deflate {
    static let bufferSize = 256 * 1024

    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = Data(bytes)
        var output = Data()
        _ = try Data.compress(size: Int64(input.count), bufferSize: bufferSize, provider: { position, size in
            input.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { output.append($0) })
        return [UInt8](output)
    }

    static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = Data(bytes)
        var output: [UInt8] = []
        do {
            _ = try Data.decompress(size: Int64(input.count), bufferSize: bufferSize, skipCRC32: true, provider: { position, size in
                // zlib asks again after the end only when the stream is cut short; refuse instead of looping.
                guard position < input.count else { throw ArchiveCorrupt(problem: "a chunk ends early") }
                return input.subdata(in: Int(position)..<min(input.count, Int(position) + size))
            }, consumer: { output.append(contentsOf: $0) })
        } catch let error as ArchiveCorrupt {
            throw error
        } catch {
            throw ArchiveCorrupt(problem: "a chunk does not inflate (\(error))")
        }
        return output
    }
}
