import CRMCore

/// The `capture` section: capture addresses and never-capture addresses and domains (§4.9).
public struct CaptureSettings: Sendable, Equatable {
    /// `capture.capture_addresses`: the company's collecting mailboxes (the BCC capture address), neither users nor
    /// contacts. Lower-cased.
    public var captureAddresses: [String]
    /// `capture.never_capture.addresses`: a message naming one of them in any address field is ignored `excluded`.
    public var neverCaptureAddresses: [String]
    /// `capture.never_capture.domains`: the same for every address of the domain and of its subdomains.
    public var neverCaptureDomains: [String]
    /// `capture.max_message_bytes` (§12): a larger message is never held whole; only its header section is read and
    /// it becomes unmatched `too_large`. A positive whole number.
    public var maxMessageBytes: Int

    /// 64 MiB.
    public static let defaultMaxMessageBytes = 64 << 20

    public init(captureAddresses: [String] = [], neverCaptureAddresses: [String] = [], neverCaptureDomains: [String] = [],
                maxMessageBytes: Int = CaptureSettings.defaultMaxMessageBytes) {
        self.captureAddresses = captureAddresses
        self.neverCaptureAddresses = neverCaptureAddresses
        self.neverCaptureDomains = neverCaptureDomains
        self.maxMessageBytes = maxMessageBytes
    }

    /// The policy capture applies (addresses that do not parse were refused when the file was read).
    public var policy: CapturePolicy {
        CapturePolicy(
            neverCaptureAddresses: Set(neverCaptureAddresses.compactMap(EmailAddress.init)),
            neverCaptureDomains: neverCaptureDomains,
            captureAddresses: Set(captureAddresses.compactMap(EmailAddress.init)))
    }
}
