import AdminHTTP
import CRMCore
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

/// Issue 14: `/healthz`'s detail lists the leases this instance holds.
@Suite struct HealthLeasesTests {
    @Test("Issue 14: the detailed /healthz names each lease this instance holds with its holder, since and until; none without credentials")
    func leasesInDetail() throws {
        let lease = Lease(key: .mailbox("sales"), holder: InstanceName("crm-1"), acquired: Date(timeIntervalSince1970: 1_800_000_000),
                          expires: Date(timeIntervalSince1970: 1_800_000_030), token: 3)
        let detailed = HealthReport(mailboxes: [:], detailed: true, leases: [lease]).json()
        #expect(detailed == #"{"leases":{"mailbox:sales":{"acquired":"2027-01-15T08:00:00Z","expires":"2027-01-15T08:00:30Z","holder":"crm-1"}},"mailboxes":{},"status":"ok"}"#)
        #expect(HealthReport(mailboxes: [:], detailed: false, leases: [lease]).json() == #"{"status":"ok"}"#)
    }
}
