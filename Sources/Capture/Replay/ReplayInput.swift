import Foundation
import Glibc

/// One file to replay: a single message or an mbox.
struct ReplayInput: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case message, mbox }
    /// The path as given (a directory's files: the directory as given joined with the relative path).
    var path: String
    var kind: Kind
    var size: Int64

    /// The files under `paths`, in order:
    /// - a file is an mbox when it starts with `From `, else one message;
    /// - a directory with `cur` or `new` is a Maildir: the files of `cur` then `new` (sorted by name; `tmp` and
    ///   dot-files skipped), then its other subdirectories (Maildir++ folders) like any directory;
    /// - any other directory: its entries sorted by name, recursively, dot-files skipped.
    /// - a directory is walked once: reached again (a symbolic link to an ancestor, a loop, or a second link to it) it
    ///   is skipped and named in `skipped`, so every file is read once and a loop ends.
    static func expand(_ paths: [String], skipped: inout [ReplayError]) throws -> [ReplayInput] {
        var result: [ReplayInput] = []
        var walked: [DirectoryID: String] = [:]
        for path in paths { try expand(path, into: &result, walked: &walked, ancestors: [], skipped: &skipped) }
        return result
    }

    /// `expand(_:skipped:)` without the list of skipped directories.
    static func expand(_ paths: [String]) throws -> [ReplayInput] {
        var skipped: [ReplayError] = []
        return try expand(paths, skipped: &skipped)
    }

    /// A directory as the file system knows it, whatever the path that reached it.
    struct DirectoryID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static func expand(
        _ path: String, into result: inout [ReplayInput], walked: inout [DirectoryID: String], ancestors: [DirectoryID],
        skipped: inout [ReplayError]
    ) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw ReplayError(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            let id = DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if let first = walked[id] {
                let why = ancestors.contains(id) ? "a symbolic link loop: it is its ancestor \(first)" : "the same directory as \(first)"
                skipped.append(ReplayError(path: path, reason: why + ", skipped"))
                return
            }
            walked[id] = path
            var ancestors = ancestors + [id]
            func expand(_ path: String) throws {
                try Self.expand(path, into: &result, walked: &walked, ancestors: ancestors, skipped: &skipped)
            }
            let entries = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { !$0.hasPrefix(".") || isMaildirFolder(path, $0) }.sorted()
            let base = path.hasSuffix("/") ? path : path + "/"
            let maildir = entries.contains { ($0 == "cur" || $0 == "new") && isDirectory(base + $0) }
            if maildir {
                for sub in ["cur", "new"] where isDirectory(base + sub) {
                    // Listed here rather than through `expand`: registered so that a link back to it ends too.
                    var subInfo = stat()
                    guard stat(base + sub, &subInfo) == 0 else { continue }
                    let subID = DirectoryID(device: UInt64(subInfo.st_dev), inode: UInt64(subInfo.st_ino))
                    guard walked[subID] == nil else { continue }
                    walked[subID] = base + sub
                    ancestors.append(subID)
                    defer { ancestors.removeLast() }
                    for name in try FileManager.default.contentsOfDirectory(atPath: base + sub).sorted()
                    where !name.hasPrefix(".") {
                        try expand(base + sub + "/" + name)
                    }
                }
            }
            for name in entries where !(maildir && (name == "cur" || name == "new" || name == "tmp")) {
                try expand(base + name)
            }
        } else if (info.st_mode & S_IFMT) == S_IFREG {
            result.append(ReplayInput(path: path, kind: try startsWithFrom(path) ? .mbox : .message,
                                      size: Int64(info.st_size)))
        }
    }

    private static func isMaildirFolder(_ directory: String, _ name: String) -> Bool {
        name.count > 1 && name != ".." && isDirectory(directory + "/" + name + "/cur")
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func startsWithFrom(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReplayError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 5)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 5) }
        return n == 5 && head == Array("From ".utf8)
    }
}
