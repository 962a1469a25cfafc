import Foundation
import Hummingbird

/// HTTP basic authentication (RFC 7617) of the admin server: one user, `admin`, and the password of
/// `admin.password_file`. The password is compared in constant time and never logged.
public struct BasicAuthenticator: Sendable {
    /// The one user name.
    public static let user = "admin"
    /// The `WWW-Authenticate` challenge of a 401.
    public static let challenge = #"Basic realm="crmservice admin", charset="UTF-8""#

    /// What a request's `Authorization` header says.
    public enum Verdict: Sendable, Equatable {
        /// No `Authorization` header.
        case missing
        case accepted
        /// Wrong user or password, or not basic credentials.
        case refused
    }

    private let expected: [UInt8]

    public init(password: String) {
        expected = Array("\(Self.user):\(password)".utf8)
    }

    public func verdict(for request: Request) -> Verdict {
        guard let header = request.headers[.authorization] else { return .missing }
        return verdict(authorization: header)
    }

    /// RFC 7617 §2: `Basic base64(user-id ":" password)`; the scheme is case-insensitive.
    func verdict(authorization header: String) -> Verdict {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1].trimmingCharacters(in: .whitespaces)))
        else { return .refused }
        return Self.constantTimeEqual(Array(decoded), expected) ? .accepted : .refused
    }

    /// Compares every byte whatever the first difference, so the time taken does not tell how much of a guess was
    /// right (it does depend on the guess's length).
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in given.indices {
            difference |= given[index] ^ expected[index % max(expected.count, 1)]
        }
        return difference == 0
    }
}
