import CRMCore
import Foundation
import TestSupport
import IMAPClient

/// A session of the test's own on a Dovecot folder, to look at flags and folders from the server's side.
enum ServerSession {
    static func open(_ dovecot: Dovecot, user: String, folder: String) throws -> any MailboxSession {
        let endpoint = try IMAPEndpoint(url: dovecot.url(folder), user: user,
                                        credential: .password(try dovecot.password(user)),
                                        caCertificatePath: dovecot.cacert)
        return CurlMailboxSession(endpoint: endpoint)
    }
}
