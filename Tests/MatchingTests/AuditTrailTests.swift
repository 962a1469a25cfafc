import CRMCore
import MailMIME
import Testing
@testable import Matching

@Suite("Audit trail")
struct AuditTrailTests {
    typealias F = Fixture

    @Test("the audit trail names the deciding rule and what every address resolved to")
    func structured() {
        let decision = F.decide(F.mail(from: ["carl@acme.example"], to: ["dora@globex.example", "x@elsewhere.example"]))
        #expect(decision.audit.decidingRule == .recipients)
        #expect(decision.audit.entries == [
            .participant(F.address("carl@acme.example"), role: .sender, field: .from, .contacts([F.carl])),
            .participant(F.address("dora@globex.example"), role: .recipient, field: .to, .contacts([F.dora])),
            .participant(F.address("x@elsewhere.example"), role: .recipient, field: .to, .unknown),
            .direction(.incoming),
        ])
    }

    @Test("the audit trail prints one line per entry for unmatched show")
    func printable() throws {
        let decision = F.decide(F.mail(from: ["carl@acme.example"], to: ["anna@company.example"], orders: [200, 7]))
        let lines = decision.audit.description.split(separator: "\n").map(String.init)
        #expect(lines.first == "decided by §4.5 recipients")
        #expect(lines.count == decision.audit.entries.count + 1)
        #expect(lines.contains("  §4.3 sender carl@acme.example (From): contact C-carl"))
        #expect(lines.contains("  §4.6 account ACME-DE linked through contact C-carl"))
        #expect(lines.contains("  §4.7 order 7 unknown, kept unresolved"))
        #expect(lines.contains {
            $0.contains("order 200 belongs to account GLOBEX") && $0.hasSuffix("order_account_mismatch")
        })
    }

    @Test("outcome reasons use the contract's names")
    func reasonNames() {
        #expect(UnmatchedReason.allCases.map(\.rawValue)
            == ["unparseable", "auto_generated", "unknown_sender", "no_user_recipient", "no_contact_recipient",
               "too_large", "unprocessable"])
        #expect(IgnoredReason.allCases.map(\.rawValue) == ["internal", "excluded"])
        #expect(ActivityFlag.orderAccountMismatch.rawValue == "order_account_mismatch")
        #expect(Direction.allCases.map(\.rawValue) == ["incoming", "outgoing"])
    }
}
