/// Who asks for an archive action and how to get their password (§10): asked for only once the user is known to
/// hold the right, so that a refusal for a missing right never prompts.
public struct ArchiveCredentials {
    /// `--as USER`, nil when not given.
    public var user: String?
    /// The password: the terminal without echo, or `--password-file`.
    public var password: () throws -> String

    public init(user: String?, password: @escaping () throws -> String) {
        self.user = user
        self.password = password
    }
}
