import CRMCore
import Foundation
import Logging

/// One run of the users' digest (§11): plans each user's list, builds and sends one message a user over one SMTP
/// session, and records a user's entries only once the server accepted their message. Blocking: call it off the
/// cooperative pool.
public struct DigestRun: Sendable {
    public var store: any DigestStore
    public var endpoint: SMTPEndpoint
    public var from: EmailAddress
    /// `admin.public_url`.
    public var publicURL: String
    public var zone: TimeZoneRules
    public var policy: CapturePolicy
    public var logger: Logger

    public init(store: any DigestStore, endpoint: SMTPEndpoint, from: EmailAddress, publicURL: String,
                zone: TimeZoneRules, policy: CapturePolicy, logger: Logger = Logger(label: "crmservice.digest")) {
        self.store = store
        self.endpoint = endpoint
        self.from = from
        self.publicURL = publicURL
        self.zone = zone
        self.policy = policy
        self.logger = logger
    }

    /// The digests due at `now`, built but neither sent nor recorded.
    public func messages(now: Date) throws -> [DigestMessage] {
        let recipients = try store.digestRecipients()
        let candidates = try store.digestCandidates(capturedSince: DigestPlanner.earliestStart(of: recipients, now: now))
        let sent = try store.digestedEntries(from: candidates.map(\.entry).min() ?? 0)
        let planner = DigestPlanner(book: try store.addressBook(policy: policy), publicURL: publicURL)
        return planner.plan(recipients: recipients, candidates: candidates, alreadySent: sent, now: now).map {
            DigestMessage(digest: $0, from: from, now: now, zone: zone, token: Self.token())
        }
    }

    /// Sends every due digest (`dryRun`: hands each message to `print` instead, sends and records nothing).
    /// `checkStop` is called before each message (a job's stop).
    public func run(now: Date, dryRun: Bool, print: (String) -> Void = { _ in },
                    checkStop: () throws -> Void = {}) throws -> DigestReport {
        var report = DigestReport()
        report.dryRun = dryRun
        let messages = try messages(now: now)
        if dryRun {
            for message in messages {
                print(String(decoding: message.bytes(), as: UTF8.self))
                report.sent.append((message.digest.user, message.digest.entries.count))
            }
            return report
        }
        guard !messages.isEmpty else { return report }
        let session = SMTPSession(endpoint: endpoint, logger: logger)
        defer { session.close() }
        for (index, message) in messages.enumerated() {
            try checkStop()
            let digest = message.digest
            do {
                try session.send(message.bytes(), from: from, to: digest.address)
            } catch where error.kind == .refused {
                report.refused.append(.init(user: digest.user, error: error))
                logger.warning("digest refused by the server", metadata: [
                    "digest.user": "\(digest.user)", "smtp.reply": "\(error.replyCode)"])
                continue
            } catch {
                report.stoppedBy = error
                report.notAttempted = messages[index...].map(\.digest.user)
                logger.error("digest run stopped: the SMTP connection failed", metadata: [
                    "smtp.reply": "\(error.replyCode)", "smtp.error": "\(error.message)"])
                return report
            }
            try store.recordDigest(of: digest.user, entries: digest.entries.map(\.entry), asOf: now)
            report.sent.append((digest.user, digest.entries.count))
        }
        return report
    }

    static func token() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36) + "." + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}
