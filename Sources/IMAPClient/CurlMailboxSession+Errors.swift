import CCurl
import CRMCore

extension CurlMailboxSession {
    /// Maps a libcurl failure to an `IMAPError`: kind by result code; message naming the operation, server, folder
    /// and user, libcurl's detail and the server's tagged reply to the failed command (never a later line), with the secret removed.
    func makeError(_ code: CURLcode, what: String) -> IMAPError {
        let kind: PollErrorKind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .connect
        case CURLE_OPERATION_TIMEDOUT: kind = .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            kind = .tls
        case CURLE_LOGIN_DENIED: kind = .auth
        default: kind = .protocolError
        }
        // The tagged reply of the failed command names the reason; libcurl's text only says that one came
        // (`Quote command returned error`), so it goes last, in brackets.
        var message = "\(what) on \(endpoint.displayName) as \(endpoint.user) failed: "
        let lines = buffer.serverLines
        var curl = String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer)
        if !detail.isEmpty { curl += ", \(detail)" }
        if let reply = lines.quoted { message += "\(reply) (libcurl: \(curl))" } else { message += curl }
        return IMAPError(kind: kind, message: redacted(message), curlCode: Int(code.rawValue),
                         serverReply: lines.quoted.map(redacted), responseCode: lines.responseCode)
    }

    /// Never lets the secret through, whatever libcurl or the server put in the text.
    private func redacted(_ text: String) -> String {
        let secret = endpoint.credential.secret
        guard !secret.isEmpty else { return text }
        return text.replacing(secret, with: "<redacted>")
    }
}
