/// The `admin` section: the administration HTTP server of `crmservice run`: `/healthz` and `/metrics` (HTTP basic auth)
/// and the console (its own logins, §8), over plain HTTP or, with both TLS files, HTTPS.
///
/// The password file is required whenever the server runs, on a loopback host too (`validateForRun()` checks it);
/// commands that only use the database (`replay`, `import`, …) do not need it.
public struct AdminHTTPSettings: Sendable, Equatable {
    /// `admin.host`: the address to listen on (default loopback only).
    public var host: String
    /// `admin.port`: 1...65535 (default 8025).
    public var port: Int
    /// `admin.password_file`: the file holding the basic-auth password (read with `SecretFile`, mode 0600 or stricter).
    public var passwordFile: String?
    /// `admin.tls_cert_file`: the PEM certificate chain of HTTPS; with `tlsKeyFile` (both or neither).
    public var tlsCertFile: String?
    /// `admin.tls_key_file`: its PEM private key.
    public var tlsKeyFile: String?
    /// `admin.public_url`: the console's address as users reach it, ending in `/` (the digest's links, §11).
    public var publicURL: String?

    public init(host: String = "127.0.0.1", port: Int = 8025, passwordFile: String? = nil, tlsCertFile: String? = nil,
                tlsKeyFile: String? = nil) {
        self.host = host
        self.port = port
        self.passwordFile = passwordFile
        self.tlsCertFile = tlsCertFile
        self.tlsKeyFile = tlsKeyFile
    }
}
