import CRMServiceApp
import Testing

@Suite("§3 CSV files") struct CSVReaderTests {
    func records(_ text: String) throws -> [CSVReader.Record] { try CSVReader.records(Array(text.utf8), file: "x.csv") }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let r = try records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n")
        #expect(r.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"]])
        #expect(r.map(\.line) == [1, 2, 3])
    }

    @Test func aRecordAfterAMultiLineFieldKeepsItsRealLineNumber() throws {
        let r = try records("a,b\n\"1\n2\n3\",x\nlast,y")
        #expect(r.last?.line == 5)
    }

    @Test func aByteOrderMarkIsTolerated() throws {
        let r = try CSVReader.records([0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8), file: "x.csv")
        #expect(r.first?.fields == ["id", "name"])
    }

    @Test func blankLinesAndAMissingFinalNewlineAreFine() throws {
        #expect(try records("a\n\n1\n\n").map(\.fields) == [["a"], ["1"]])
        #expect(try records("a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func anUnclosedQuoteNamesTheLineItStarts() throws {
        #expect(throws: CSVError(file: "x.csv", line: 2, message: "a quoted field is not closed")) {
            try records("a\n\"open\nmore\n")
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnError() throws {
        #expect(throws: CSVError.self) { try records("a\nx\"y\n") }
    }

    @Test func columnsComeInAnyOrder() throws {
        let t = try CSVTable(Array("b,a\n2,1\n".utf8), file: "x.csv", columns: ["a", "b"])
        #expect(t.rows[0]["a"] == "1" && t.rows[0]["b"] == "2")
    }

    @Test func anUnknownColumnIsAnError() throws {
        #expect(throws: CSVError(file: "x.csv", line: 1, field: "c", message: "unknown column")) {
            try CSVTable(Array("a,b,c\n".utf8), file: "x.csv", columns: ["a", "b"])
        }
    }

    @Test func aMissingColumnIsAnError() throws {
        #expect(throws: CSVError(file: "x.csv", line: 1, field: "b", message: "missing column")) {
            try CSVTable(Array("a\n1\n".utf8), file: "x.csv", columns: ["a", "b"])
        }
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsAProblemOfThatRow() throws {
        let table = try CSVTable(Array("a,b\n1,2\n1,2,3\n4,5\n1\n".utf8), file: "x.csv", columns: ["a", "b"])
        #expect(table.problems == [CSVError(file: "x.csv", line: 3, message: "3 fields, the header has 2"),
                                   CSVError(file: "x.csv", line: 5, message: "1 fields, the header has 2")])
        #expect(table.rows.map(\.line) == [2, 4])
    }
}
