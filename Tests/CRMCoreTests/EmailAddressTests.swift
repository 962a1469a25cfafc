import CRMCore
import Testing

@Suite("§2 Addresses and people")
struct EmailAddressTests {
    @Test("An address is compared case-insensitively after trimming")
    func caseInsensitiveAfterTrimming() {
        #expect(EmailAddress("  Anna.Berg@Example.COM \t") == EmailAddress("anna.berg@example.com"))
        #expect(EmailAddress("anna@example.com") != EmailAddress("anne@example.com"))
    }

    @Test("Not an address", arguments: ["", "   ", "anna", "@example.com", "anna@"])
    func rejectsNonAddresses(raw: String) {
        #expect(EmailAddress(raw) == nil)
    }

    @Test func domainIsAfterTheLastAt() {
        #expect(EmailAddress("\"a@b\"@Example.org")?.domain == "example.org")
    }
}
