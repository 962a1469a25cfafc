@testable import Capture
import CRMCore
import Testing
@testable import CRMServiceApp

/// Secrets never appear in poll errors (issue #4), and errors keep their kind.
@Suite struct PollErrorExplainerTests {
    struct ServerSaid: Error, CustomStringConvertible {
        var description: String
    }

    @Test func theSecretLastReadIsBlankedOutOfEveryMessage() {
        let explainer = PollErrorExplainer()
        explainer.remember(Secret("hunter2-secret"))
        let (kind, message) = explainer.explain(ServerSaid(description: "NO [AUTHENTICATIONFAILED] hunter2-secret rejected"))
        #expect(kind == .protocolError)
        #expect(message == "NO [AUTHENTICATIONFAILED] <secret> rejected")
        explainer.remember(Secret("rotated-token"))
        #expect(!explainer.explain(ServerSaid(description: "hunter2-secret rotated-token")).message.contains("secret "))
        #expect(explainer.explain(ServerSaid(description: "hunter2-secret rotated-token")).message == "<secret> <secret>")
    }

    @Test func secretFileErrorsAreCredentialFailuresNamingTheFile() {
        let (kind, message) = PollErrorExplainer().explain(SecretFileError(path: "/etc/crm/pw", reason: .tooOpen(mode: 0o644)))
        #expect(kind == .credentials)
        #expect(message.contains("/etc/crm/pw") && message.contains("644"))
    }

    @Test func aPollFailureKeepsItsKind() {
        #expect(PollErrorExplainer().explain(PollFailure(kind: .auth, message: "denied")).kind == .auth)
    }

    @Test func theSummaryLineCountsEachOutcome() {
        var summary = PollSummary()
        summary.outcomes.count(.activity)
        summary.outcomes.count(.duplicate)
        summary.found = 3
        summary.stopped = true
        #expect(summary.text == "2 messages: 1 activities, 0 unmatched, 0 ignored, 1 duplicates; stopped, 1 left for the next poll")
    }
}
