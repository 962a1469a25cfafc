import CRMCore

/// The byte layout of an archive's stream, before compression. Entries follow each other:
/// - a file: `F`, name length (UInt16), name (UTF-8), size (UInt64), then `size` bytes;
/// - a row: `R`, length (UInt32) of what follows: table (UInt16 length + UTF-8), column count (UInt16), then per
///   column its name (UInt16 length + UTF-8), a type byte (0 null, 1 integer, 2 real, 3 text, 4 blob) and the value
///   (8 bytes for integer and real; UInt32 length + UTF-8 for text; UInt64 length + bytes for blob).
/// Numbers are little-endian. The layout is ours and versioned by the `manifest` of the archive record.
enum ArchiveFraming {
    static let file = UInt8(ascii: "F")
    static let row = UInt8(ascii: "R")

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func fileHeader(_ name: String, size: Int64) -> [UInt8] {
        let utf8 = Array(name.utf8)
        var bytes: [UInt8] = [file]
        append(UInt16(utf8.count), to: &bytes)
        bytes += utf8
        append(UInt64(size), to: &bytes)
        return bytes
    }

    static func encode(_ entry: ArchiveRow) -> [UInt8] {
        var body: [UInt8] = []
        func text16(_ s: String) {
            let utf8 = Array(s.utf8)
            append(UInt16(utf8.count), to: &body)
            body += utf8
        }
        text16(entry.table)
        append(UInt16(entry.columns.count), to: &body)
        for (name, value) in entry.columns {
            text16(name)
            switch value {
            case .null: body.append(0)
            case .integer(let n): body.append(1); append(n, to: &body)
            case .real(let d): body.append(2); append(d.bitPattern, to: &body)
            case .text(let s):
                let utf8 = Array(s.utf8)
                body.append(3); append(UInt32(utf8.count), to: &body); body += utf8
            case .blob(let b): body.append(4); append(UInt64(b.count), to: &body); body += b
            }
        }
        var bytes: [UInt8] = [row]
        append(UInt32(body.count), to: &bytes)
        return bytes + body
    }

    /// Decodes a row's body (what follows its length).
    static func decodeRow(_ body: [UInt8]) throws -> ArchiveRow {
        var reader = ByteReader(bytes: body)
        let table = try reader.text(Int(reader.integer(UInt16.self)))
        let count = Int(try reader.integer(UInt16.self))
        var columns: [(String, ArchiveValue)] = []
        columns.reserveCapacity(count)
        for _ in 0..<count {
            let name = try reader.text(Int(reader.integer(UInt16.self)))
            let value: ArchiveValue
            switch try reader.integer(UInt8.self) {
            case 0: value = .null
            case 1: value = .integer(try reader.integer(Int64.self))
            case 2: value = .real(Double(bitPattern: try reader.integer(UInt64.self)))
            case 3: value = .text(try reader.text(Int(reader.integer(UInt32.self))))
            case 4: value = .blob(try reader.bytes(Int(reader.integer(UInt64.self))))
            default: throw ArchiveCorrupt(problem: "unknown value type in a row of \(table)")
            }
            columns.append((name, value))
        }
        return ArchiveRow(table: table, columns: columns)
    }
}

/// Reads little-endian fields from a byte array.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, bytes.count - position >= count else { throw ArchiveCorrupt(problem: "a row is cut short") }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let raw = try bytes(MemoryLayout<T>.size)
        var value = T.zero
        for (index, byte) in raw.enumerated() { value |= T(truncatingIfNeeded: byte) << (8 * index) }
        return value
    }

    mutating func text(_ count: Int) throws -> String { String(decoding: try bytes(count), as: UTF8.self) }
}
