import AdminHTTP
import Foundation
import Testing

/// A mailbox whose `move:FOLDER` cannot be carried out is unhealthy in `/healthz` although its polls succeed (issue #15).
@Suite struct AfterActionHealthTests {
    @Test("An after-action problem makes /healthz degraded with the reason, a later success does not clear it, its resolution does")
    func afterActionProblem() {
        let state = AdminState(mailboxes: ["corporate", "sales"])
        let reason = #"move:Archive: CREATE "INBOX.Archive" failed: NO [NOPERM] Permission denied"#
        state.afterActionProblem(mailbox: "corporate", at: Date(), reason: reason)
        state.pollSucceeded(mailbox: "corporate", at: Date(), duration: .seconds(1))
        let degraded = HealthReport(mailboxes: state.snapshot(), detailed: true)
        #expect(degraded.status == .degraded && degraded.httpStatus == 503)
        #expect(state.snapshot()["corporate"]?.afterActionError == reason)
        #expect(degraded.json().contains(#""after_action_error":"move:Archive: CREATE \"INBOX.Archive\" failed"#))
        #expect(HealthReport(mailboxes: state.snapshot(), detailed: false).json() == #"{"status":"degraded"}"#)

        state.afterActionProblem(mailbox: "corporate", at: Date(), reason: nil)
        #expect(HealthReport(mailboxes: state.snapshot(), detailed: true).status == .ok)
    }
}
