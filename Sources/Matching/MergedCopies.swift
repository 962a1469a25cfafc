import MailMIME

/// A message's stored copies as one (`Matcher.mergeCopies`).
public struct MergedCopies: Sendable, Equatable {
    /// The first copy with the recipients later copies add.
    public var message: ParsedMessage
    /// The never-capture addresses found only in later copies (§12: `privacy_review`).
    public var privacyReview: [AuditEntry]

    public init(message: ParsedMessage, privacyReview: [AuditEntry] = []) {
        self.message = message
        self.privacyReview = privacyReview
    }
}
