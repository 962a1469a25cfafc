import TestSupport
import Testing

@testable import IMAPClient

/// Mailbox names in modified UTF-7 (RFC 3501 §5.1.3), both ways (issue #15).
@Suite struct ModifiedUTF7Tests {
    @Test("RFC 3501 §5.1.3's example, a literal &, and names in German, Czech and Japanese encode and decode",
          arguments: [
              ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  // RFC 3501 §5.1.3
              ("Entwürfe & Notizen", "Entw&APw-rfe &- Notizen"),
              ("Erledigt/Kunden-Ä", "Erledigt/Kunden-&AMQ-"),
              ("Vyřízené/Zákazníci", "Vy&AVkA7Q-zen&AOk-/Z&AOE-kazn&AO0-ci"),
              ("アーカイブ/処理済み", "&MKIw,DCrMKQw1g-/&UeZ0Bm4IMH8-"),
              ("😀 Emoji", "&2D3eAA- Emoji"),  // outside the BMP: a surrogate pair
              ("Archive", "Archive"),
          ])
    func bothWays(name: String, wire: String) throws {
        #expect(ModifiedUTF7.encode(name) == wire)
        #expect(try ModifiedUTF7.decode(wire) == name)
    }

    @Test("Malformed names are refused on decode, never guessed",
          arguments: [
              "&U,BTFw-&ZeVnLIqe-",  // RFC 3501 §5.1.3: a superfluous shift (two in a row)
              "&Jjo!",  // a shift never closed
              "Kunden-Ä",  // 8-bit: raw UTF-8 is not modified UTF-7
              "&AGE-",  // printable ASCII ("a") inside a shift
              "&2D0-",  // a lone high surrogate
              "&AMQ=-",  // padding, and a character outside modified BASE64
              "&AM-",  // bits that make no whole UTF-16 unit
              "a\tb",  // a control character
          ])
    func malformed(wire: String) {
        #expect(throws: MalformedModifiedUTF7.self) { try ModifiedUTF7.decode(wire) }
    }

    @Test("Random names of any scripts survive encode then decode, and their wire form is printable ASCII")
    func roundTrip() throws {
        var random = SplitMix64(seed: TestSeed.value("ModifiedUTF7Tests.roundTrip", default: 15))
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x24F, 0x370...0x52F, 0x3040...0x30FF,
                                             0x4E00...0x9FFF, 0x1F300...0x1F64F]
        for _ in 0..<500 {
            var name = ""
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
                name.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
            }
            let wire = ModifiedUTF7.encode(name)
            #expect(wire.utf8.allSatisfy { (0x20...0x7E).contains($0) }, "\(wire)")
            #expect(try ModifiedUTF7.decode(wire) == name)
        }
    }
}
