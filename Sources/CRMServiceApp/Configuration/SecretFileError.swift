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
