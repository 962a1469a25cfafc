import Foundation
import Glibc
import ZIPFoundation

/// Writes a ZIP file (APPNOTE 6.3.x) entry after entry, each streamed from a provider and deflated by zlib, with
/// ZIP64 records where sizes, offsets or the entry count need them (an archive holds a file a message).
///
/// Not ZIPFoundation's `Archive`: its `addEntry` reads and rewrites the whole central directory for every entry added
/// (quadratic in the entry count, and the directory held in memory each time). Here the local header is written
/// with blank sizes and patched after the entry's data; the central directory is written once at the end.
public final class ZipStreamWriter {
    struct Central {
        var name: [UInt8]
        var crc: UInt32
        var compressed: UInt64
        var size: UInt64
        var offset: UInt64
    }

    private let file: UnsafeMutablePointer<FILE>
    private var offset: UInt64 = 0
    private var entries: [Central] = []
    private let dosTime: UInt16
    private let dosDate: UInt16
    private var finished = false

    /// Creates (or truncates) `path`; entries are dated `date` (UTC).
    public init(path: String, date: Date = Date()) throws {
        guard let file = fopen(path, "w+b") else { throw ZipWriteFailed(path: path, errno: errno) }
        self.file = file
        var components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        components.year = max(1980, components.year ?? 1980)
        dosTime = UInt16((components.hour ?? 0) << 11 | (components.minute ?? 0) << 5 | (components.second ?? 0) / 2)
        dosDate = UInt16(((components.year ?? 1980) - 1980) << 9 | (components.month ?? 1) << 5 | (components.day ?? 1))
    }

    deinit { fclose(file) }

    /// Adds `name` of `size` bytes; `provider(count)` gives the next `count` bytes of it.
    public func add(_ name: String, size: Int64, provider: (Int) throws -> [UInt8]) throws {
        let nameBytes = Array(name.utf8)
        let start = offset
        let zip64 = UInt64(size) >= 0xFFFF_0000 // deflate can grow incompressible data a little
        var header: [UInt8] = []
        put(UInt32(0x0403_4b50), &header)
        put(UInt16(zip64 ? 45 : 20), &header)
        put(UInt16(0x0800), &header) // names are UTF-8
        put(UInt16(8), &header) // deflate
        put(dosTime, &header); put(dosDate, &header)
        put(UInt32(0), &header) // CRC-32, patched
        put(UInt32(zip64 ? 0xFFFF_FFFF : 0), &header); put(UInt32(zip64 ? 0xFFFF_FFFF : 0), &header)
        put(UInt16(nameBytes.count), &header); put(UInt16(zip64 ? 20 : 0), &header)
        header += nameBytes
        if zip64 { put(UInt16(1), &header); put(UInt16(16), &header); put(UInt64(0), &header); put(UInt64(0), &header) }
        try emit(header)
        var compressed: UInt64 = 0
        let crc = try Data.compress(size: size, bufferSize: 256 * 1024, provider: { _, count in
            let bytes = try provider(count)
            guard bytes.count == count else { throw ZipEntryShort(name: name) }
            return Data(bytes)
        }, consumer: { data in
            compressed += UInt64(data.count)
            try self.emit([UInt8](data))
        })
        // Patch the CRC and sizes into the local header, then carry on at the end.
        var patch: [UInt8] = []
        put(crc, &patch)
        put(UInt32(zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: compressed)), &patch)
        put(UInt32(zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: size)), &patch)
        guard zip64 || compressed < 0xFFFF_FFFF else { throw ZipEntryShort(name: name) }
        try patchAt(start + 14, patch)
        if zip64 {
            var sizes: [UInt8] = []
            put(UInt64(size), &sizes); put(compressed, &sizes)
            try patchAt(start + 30 + UInt64(nameBytes.count) + 4, sizes)
        }
        entries.append(Central(name: nameBytes, crc: crc, compressed: compressed, size: UInt64(size), offset: start))
    }

    /// Writes the central directory and closes the file.
    public func finish() throws {
        precondition(!finished)
        finished = true
        let directoryStart = offset
        for entry in entries {
            var extra: [UInt8] = []
            if entry.size >= 0xFFFF_FFFF { put(entry.size, &extra) }
            if entry.compressed >= 0xFFFF_FFFF { put(entry.compressed, &extra) }
            if entry.offset >= 0xFFFF_FFFF { put(entry.offset, &extra) }
            if !extra.isEmpty { extra = le16(1) + le16(UInt16(extra.count)) + extra }
            var record: [UInt8] = []
            put(UInt32(0x0201_4b50), &record)
            put(UInt16(0x0300 | 45), &record) // made by: Unix, 4.5
            put(UInt16(extra.isEmpty ? 20 : 45), &record)
            put(UInt16(0x0800), &record); put(UInt16(8), &record)
            put(dosTime, &record); put(dosDate, &record)
            put(entry.crc, &record)
            put(UInt32(min(entry.compressed, 0xFFFF_FFFF)), &record)
            put(UInt32(min(entry.size, 0xFFFF_FFFF)), &record)
            put(UInt16(entry.name.count), &record); put(UInt16(extra.count), &record); put(UInt16(0), &record)
            put(UInt16(0), &record); put(UInt16(0), &record)
            put(UInt32(0o100644) << 16, &record)
            put(UInt32(min(entry.offset, 0xFFFF_FFFF)), &record)
            try emit(record + entry.name + extra)
        }
        let directorySize = offset - directoryStart
        let needs64 = entries.count >= 0xFFFF || directoryStart >= 0xFFFF_FFFF || directorySize >= 0xFFFF_FFFF
        var end: [UInt8] = []
        if needs64 {
            let recordStart = offset
            put(UInt32(0x0606_4b50), &end); put(UInt64(44), &end)
            put(UInt16(0x0300 | 45), &end); put(UInt16(45), &end)
            put(UInt32(0), &end); put(UInt32(0), &end)
            put(UInt64(entries.count), &end); put(UInt64(entries.count), &end)
            put(directorySize, &end); put(directoryStart, &end)
            put(UInt32(0x0706_4b50), &end); put(UInt32(0), &end); put(recordStart, &end); put(UInt32(1), &end)
        }
        put(UInt32(0x0605_4b50), &end); put(UInt16(0), &end); put(UInt16(0), &end)
        put(UInt16(min(entries.count, 0xFFFF)), &end); put(UInt16(min(entries.count, 0xFFFF)), &end)
        put(UInt32(min(directorySize, 0xFFFF_FFFF)), &end); put(UInt32(min(directoryStart, 0xFFFF_FFFF)), &end)
        put(UInt16(0), &end)
        try emit(end)
        guard fflush(file) == 0, fsync(fileno(file)) == 0 else { throw ZipWriteFailed(path: "", errno: errno) }
    }

    private func emit(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw ZipWriteFailed(path: "", errno: errno) }
        offset += UInt64(bytes.count)
    }

    private func patchAt(_ position: UInt64, _ bytes: [UInt8]) throws {
        guard fseeko(file, off_t(position), SEEK_SET) == 0 else { throw ZipWriteFailed(path: "", errno: errno) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count, fseeko(file, 0, SEEK_END) == 0 else { throw ZipWriteFailed(path: "", errno: errno) }
    }

    private func put<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
}

/// The ZIP file could not be written (`errno` of the failing call).
public struct ZipWriteFailed: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var errno: Int32
    public var description: String { "cannot write the ZIP file \(path): \(String(cString: strerror(errno)))" }
}

/// An entry's provider gave fewer bytes than the entry's size.
public struct ZipEntryShort: Error, Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String { "the ZIP entry \(name) is shorter than its size" }
}
