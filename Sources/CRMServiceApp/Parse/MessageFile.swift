import Glibc

/// Reads a whole message file into memory, with errors that name the file and the system's reason.
public enum MessageFile {
    /// Why a file could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { reason }
    }

    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(path: path, reason: "is a directory") }
        return try read(descriptor: fd, path: path, sizeHint: Int(info.st_size))
    }

    /// Reads `fd` to its end (a pipe as well as a file); `path` names it in errors. A file of `sizeHint` bytes is read
    /// straight into the result; chunks follow only when it grew or `fd` is a pipe.
    public static func read(descriptor fd: Int32, path: String, sizeHint: Int = 0) throws -> [UInt8] {
        var bytes = try [UInt8](unsafeUninitializedCapacity: max(sizeHint, 0) + 1) { buffer, count in
            count = try fill(UnsafeMutableRawBufferPointer(buffer), from: fd, path: path)
        }
        guard bytes.count > sizeHint else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try fill($0, from: fd, path: path) }
            bytes.append(contentsOf: chunk[0..<n])
            if n < chunk.count { return bytes }
        }
    }

    /// Reads until `buffer` is full or the end of `fd`; returns the bytes read.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from fd: Int32, path: String) throws -> Int {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.read(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            offset += n
        }
        return offset
    }
}
