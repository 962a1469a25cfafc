import CRMCore
import Testing

@Suite struct AmountTests {
    @Test("parses exact decimals", arguments: ["0", "12", "12.5", "-3.25", "0.000000000001", "007.10"])
    func parses(_ text: String) throws {
        let a = try #require(Amount(text))
        #expect(Amount(a.description) == a)
    }

    @Test("rejects what is not a decimal with '.'", arguments: ["", "12,5", "1e3", ".5", "5.", "+1", " 1", "1.0000000000001", "abc", "-"])
    func rejects(_ text: String) { #expect(Amount(text) == nil) }

    @Test("§6 totals are rounded half up to whole units", arguments: [
        ("2.5", 3), ("2.49", 2), ("2.4999999", 2), ("-2.5", -3), ("0.5", 1), ("1000", 1000), ("999.50", 1000),
    ] as [(String, Int)])
    func rounding(_ text: String, _ expected: Int) {
        #expect(Amount(text)!.roundedToWholeUnits() == Int128(expected))
    }

    @Test func arithmeticIsExact() {
        // 0.1 + 0.2 is 0.3 exactly, not 0.30000000000000004.
        #expect(Amount("0.1")!.adding(Amount("0.2")!) == Amount("0.3")!)
        #expect(Amount("100.10")!.multiplied(by: Amount("0.9")!) == Amount("90.09")!)
        #expect(Amount("1.10")!.description == "1.10")
        #expect(Amount("-0.05")!.description == "-0.05")
    }
}
