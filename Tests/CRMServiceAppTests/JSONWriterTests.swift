import CRMServiceApp
import Foundation
import Testing

@Suite struct JSONWriterTests {
    @Test func writesKeysInOrderAndEscapes() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("b"); w.string("x\"y\\z\n\u{1}é")
        w.key("a"); w.integerArray([1, 2])
        w.key("n"); w.string(nil)
        w.key("e"); w.beginArray(); w.endArray()
        w.key("o"); w.beginObject(); w.key("k"); w.bool(true); w.endObject()
        w.endObject()
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == #"{"b":"x\"y\\z\n\u0001é","a":[1,2],"n":null,"e":[],"o":{"k":true}}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any]
        #expect(decoded?["b"] as? String == "x\"y\\z\n\u{1}é")
    }

    @Test("ISO 8601 UTC", arguments: [(0.0, "1970-01-01T00:00:00Z"), (951_782_400.0, "2000-02-29T00:00:00Z"),
                                       (-1.0, "1969-12-31T23:59:59Z"), (1_795_431_845.0, "2026-11-23T11:04:05Z")])
    func iso8601(seconds: Double, expected: String) {
        #expect(ISO8601.utcString(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
