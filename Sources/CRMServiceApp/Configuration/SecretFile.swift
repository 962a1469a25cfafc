import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
