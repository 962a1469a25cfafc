import CRMCore
import Foundation
import IMAPClient

/// A session of the test's own on a Dovecot folder, to look at flags and folders from the server's side.
enum ServerSession {
    struct Unavailable: Error {}

    static func open(_ dovecot: Dovecot, user: String, folder: String) throws -> any MailboxSession {
        throw Unavailable() // CurlMailboxSession is merged later
    }
}
