import Foundation
import HummingbirdTLS
import NIOSSL

/// The console's TLS (§8, `admin.tls_cert_file`/`admin.tls_key_file`): a PEM certificate chain and its PEM private
/// key, read once at start. With it the admin server speaks HTTPS only and the console's cookies are `Secure`.
public struct AdminTLS: Sendable {
    let configuration: TLSConfiguration

    /// Reads both files; a problem is an `AdminTLSError` naming the file that has it (never the key's content).
    public init(certificateFile: String, keyFile: String) throws(AdminTLSError) {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateFile) } catch {
            throw AdminTLSError(file: .certificate, path: certificateFile, reason: Self.reason(certificateFile))
        }
        guard !chain.isEmpty else {
            throw AdminTLSError(file: .certificate, path: certificateFile, reason: "holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: keyFile, format: .pem) } catch {
            throw AdminTLSError(file: .key, path: keyFile, reason: Self.reason(keyFile))
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        self.configuration = configuration
    }

    /// Why a file failed, without what NIOSSL's error might quote of it.
    private static func reason(_ path: String) -> String {
        FileManager.default.isReadableFile(atPath: path) ? "is not valid PEM" : "cannot be read"
    }
}

/// A TLS file of the admin server that cannot be used.
public struct AdminTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum File: Sendable, Equatable {
        case certificate, key
    }

    public var file: File
    public var path: String
    public var reason: String

    public init(file: File, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
