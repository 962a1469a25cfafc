import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A secret read from a file (a password, a token): its description never shows it.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself: pass it on, never log it.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
}

/// Why a secret file was refused; names the path, never the content.
public struct SecretFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// It cannot be read (missing, a directory, no permission).
        case unreadable
        /// Group or others may read or write it; `mode` is its permission bits.
        case tooOpen(mode: UInt32)
        /// It holds nothing but whitespace.
        case empty
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unreadable: "cannot read secret file \(path)"
        case .tooOpen(let mode):
            "secret file \(path) is accessible by group or others (mode \(String(mode, radix: 8))): chmod 600 it"
        case .empty: "secret file \(path) is empty"
        }
    }
}

/// Reads secrets (`password_file`, `oauth2_token_file`, `admin.password_file`) from files only their owner can access.
public enum SecretFile {
    /// The file's content without its trailing line break; refuses a file whose mode grants group or others any
    /// access (`mode & 0o077`), one that is not a regular file, and an empty one.
    public static func read(_ path: String) throws(SecretFileError) -> Secret {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw SecretFileError(path: path, reason: .unreadable)
        }
        let mode = UInt32(status.st_mode) & 0o7777
        guard mode & 0o077 == 0 else { throw SecretFileError(path: path, reason: .tooOpen(mode: mode)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SecretFileError(path: path, reason: .unreadable)
        }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last.isNewline { text.removeLast() }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw SecretFileError(path: path, reason: .empty) }
        return Secret(text)
    }
}
