import Testing

@testable import IMAPClient

/// The checks that make a cut or partial search answer an error (INTERFACE.md §12), on answers as libcurl hands them
/// over. The cut forms are those libcurl 7.88 produced from Dovecot: the head and the tail of a long line glued.
@Suite struct UIDSearchAnswerTests {
    func answer(_ line: String, _ range: ClosedRange<UInt32>, extended: Bool = true) throws -> [UInt32] {
        try UIDSearchAnswer(Array((line + "\r\n").utf8), range: range, extended: extended).uids
    }

    @Test("Whole answers: ESEARCH ranges in any order, COUNT 0 without ALL, plain SEARCH")
    func wholeAnswers() throws {
        #expect(try answer("* ESEARCH (TAG \"A4\") UID ALL 1:5,7,10:9 COUNT 8", 1...10) == [1, 2, 3, 4, 5, 7, 9, 10])
        #expect(try answer("* ESEARCH (TAG \"A4\") UID COUNT 3 ALL 4,2,3", 1...10) == [2, 3, 4])
        #expect(try answer("* ESEARCH (TAG \"A5\") UID COUNT 0", 1...10) == [])
        #expect(try answer("* SEARCH 3 4 8", 1...10, extended: false) == [3, 4, 8])
        #expect(try answer("* SEARCH", 1...10, extended: false) == [])
    }

    @Test("§12 the checkpoint never passes a UID the SEARCH answer did not account for: cut, partial or missing answers are errors",
          arguments: [
              // The middle of the line cut out: ALL lists fewer UIDs than COUNT.
              ("* ESEARCH (TAG \"A4\") UID ALL 2,4,6,8,7984,7986 COUNT 4000", true),
              // Glued numbers: a UID outside the range searched.
              ("* ESEARCH (TAG \"A4\") UID ALL 2,4,6,8,14822,4824 COUNT 6", true),
              // The tail cut off with COUNT.
              ("* ESEARCH (TAG \"A4\") UID ALL 2,4,6,8", true),
              // Nothing says how many.
              ("* ESEARCH (TAG \"A4\") UID", true),
              // No answer at all, or two.
              ("", true),
              ("* ESEARCH (TAG \"A4\") UID ALL 1 COUNT 1\r\n* ESEARCH (TAG \"A4\") UID ALL 2 COUNT 1", true),
              ("", false),
              // Plain SEARCH: glued or repeated numbers, garbage.
              ("* SEARCH 2 4 6 814822 4824", false),
              ("* SEARCH 2 4 4", false),
              ("* SEARCH 2 4 x", false),
              // A UID set that would make us hold more than the range has.
              ("* ESEARCH (TAG \"A4\") UID ALL 1:4294967295 COUNT 4294967295", true),
          ])
    func incompleteAnswers(line: String, extended: Bool) {
        #expect(throws: UIDSearchAnswer.Incomplete.self) { try answer(line, 1...8000, extended: extended) }
    }

    @Test("MIN: the least UID, none, or an error outside the range")
    func least() throws {
        let range: ClosedRange<UInt32> = 10...20
        #expect(try UIDSearchAnswer.least(Array("* ESEARCH (TAG \"A7\") UID MIN 12\r\n".utf8), range: range) == 12)
        #expect(try UIDSearchAnswer.least(Array("* ESEARCH (TAG \"A7\") UID\r\n".utf8), range: range) == nil)
        #expect(throws: UIDSearchAnswer.Incomplete.self) {
            try UIDSearchAnswer.least(Array("* ESEARCH (TAG \"A7\") UID MIN 5\r\n".utf8), range: range)
        }
    }
}
