import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import MailMIME
import Store
import TestSupport

/// A fresh database with the address book of `Fixtures/capture` (its own users.csv, so that a name is not ASCII), the
/// capture fixtures that found no customer replayed into it, a few messages of our own, and a configuration file
/// whose `digest` section points at `server`.
///
/// Who should get what (§11):
/// - u1 Alice sent r45-no-contact-recipient and r45-mixed-no-contact (no_contact_recipient) and received
///   r44-unknown-sender, r2-display-name-ignored and r44-later-known (unknown_sender): 5 entries.
/// - u2 Björn received `bjorn-unknown.eml` from an unknown sender (a subject in RFC 2047, HTML-hostile text): 1.
/// - u3 Carol sent `carol-to-stranger.eml` to an unknown address: 1.
/// - u4 Dan has nothing: nothing is sent to him. Mail with a customer (r43-incoming), other reasons (r45-no-user-recipient, r42-auto-0) are never listed.
final class DigestWorld {
    let directory: URL
    let database: AppDatabase
    private(set) var configFile = ""

    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/capture").path
    }()

    static let replayedFixtures = [
        "r45-no-contact-recipient", "r45-mixed-no-contact", "r44-unknown-sender", "r2-display-name-ignored",
        "r44-later-known", "r43-incoming", "r45-no-user-recipient", "r42-auto-0",
    ]

    static let bjornSubject = "Angebot für Björn <script>alert(1)</script> & \"Partner\" — bitte prüfen, Straße 12, Größe XL"

    init(server: SMTPServer?, publicURL: String = "https://crm.example.com/console", oauth2: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("digesttests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        let importer = ReferenceImporter(database: database)
        _ = try importer.importFile(.accounts, path: Self.fixtures + "/accounts.csv")
        _ = try importer.importFile(.users, path: try file("users.csv", """
            id,name,email
            u1,Alice Admin,alice@example.com
            u2,Björn Sälj,bob@example.com;robert@example.com
            u3,Carol Support,carol@example.com
            u4,Dan Desk,dan@example.com;shared@example.com

            """))
        _ = try importer.importFile(.contacts, path: Self.fixtures + "/contacts.csv")
        let own = [
            try file("mail/bjorn-unknown.eml", """
                From: Somebody <somebody@unknown.example.net>
                To: =?UTF-8?Q?Bj=C3=B6rn?= <robert@example.com>
                Subject: \(Self.encoded(Self.bjornSubject))
                Date: Tue, 01 Dec 2026 10:00:00 +0100
                Message-ID: <bjorn-unknown@digest.test>

                Hello.

                """),
            try file("mail/carol-to-stranger.eml", """
                From: Carol <carol@example.com>
                To: stranger@far.example.org, Dan <dan@example.com>, nobody@far.example.org
                Cc: nobody2@far.example.org
                Subject: Quote
                Date: Wed, 02 Dec 2026 09:30:00 +0000
                Message-ID: <carol-to-stranger@digest.test>

                Here it is.

                """),
            try file("mail/carol-internal.eml", """
                From: Carol <carol@example.com>
                To: dan@example.com
                Subject: Lunch
                Message-ID: <carol-internal@digest.test>

                internal, ignored

                """),
        ]
        let paths = Self.replayedFixtures.map { Self.fixtures + "/messages/\($0).eml" } + own
        _ = try ReplayService(database: database).replay(paths, mailbox: "corporate")
        var yaml = """
            database:
              path: \(directory.appendingPathComponent("crm.sqlite").path)
            admin:
              public_url: \(publicURL)

            """
        if let server {
            yaml += """
                digest:
                  smtp_url: \(server.url)
                  user: \(server.user)
                  \(oauth2 ? "oauth2_token_file: \(server.tokenFile)" : "password_file: \(server.passwordFile)")
                  cacert: \(server.cacert)
                  from: crm@example.com
                  time_zone: Europe/Berlin

                """
        }
        configFile = try file("crmservice.yaml", yaml)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The digest as `digest send --config` composes it.
    func sending() throws -> DigestSending {
        try DigestSending(configuration: try ServiceConfiguration(contentsOf: configFile), file: configFile,
                          database: database)
    }

    /// The unmatched entry id of the message with `messageID`.
    func entry(_ messageID: String) throws -> Int64 {
        var bytes: [UInt8] = []
        try ReferenceExporter(database: database).export(.unmatched, format: .jsonl) { bytes += $0 }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            if object["message_id"] as? String == messageID { return (object["id"] as! NSNumber).int64Value }
        }
        throw NoSuchMessage(messageID: messageID)
    }

    struct NoSuchMessage: Error { var messageID: String }

    /// A header value in RFC 2047 encoded-words of our own (Q encoding, as mail clients write it).
    static func encoded(_ text: String) -> String {
        var out = "=?UTF-8?Q?"
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                out.append(Character(UnicodeScalar(byte)))
            } else if byte == 0x20 {
                out.append("_")
            } else {
                out += String(format: "=%02X", byte)
            }
        }
        return out + "?="
    }
}
