@testable import CalDAVClient
import Testing

@Suite struct MultistatusReaderTests {
    @Test("prefixes do not matter: DAV: and CalDAV elements are read by namespace; 404 members are removals")
    func namespaces() throws {
        let body = Array("""
            <?xml version="1.0"?>
            <x:multistatus xmlns:x="DAV:" xmlns:y="urn:ietf:params:xml:ns:caldav">
             <x:response><x:href>http://h/a/cal/one%40x.ics</x:href>
              <x:propstat><x:prop><x:getetag>"e1"</x:getetag><y:calendar-data><![CDATA[BEGIN:VCALENDAR\r
            END:VCALENDAR\r
            ]]></y:calendar-data></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat>
              <x:propstat><x:prop><x:displayname/></x:prop><x:status>HTTP/1.1 404 Not Found</x:status></x:propstat>
             </x:response>
             <x:response><x:href>/a/cal/gone.ics</x:href><x:status>HTTP/1.1 404 Not Found</x:status></x:response>
             <x:sync-token>tok-2</x:sync-token>
            </x:multistatus>
            """.utf8)
        let answer = try #require(MultistatusReader.read(body))
        #expect(answer.syncToken == "tok-2")
        #expect(answer.responses.count == 2)
        #expect(answer.responses[0].href == DAVHref("/a/cal/one@x.ics"))
        #expect(answer.responses[0].etag == "\"e1\"")
        #expect(answer.responses[0].status == 200)
        #expect(answer.responses[0].calendarData == Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8))
        #expect(answer.responses[1].status == 404)
    }

    @Test("a refused token's DAV:error names valid-sync-token")
    func errorBody() throws {
        let body = Array(#"<?xml version="1.0"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>"#.utf8)
        #expect(MultistatusReader.read(body)?.errors == ["valid-sync-token"])
    }

    @Test("what is not XML is no multistatus")
    func garbage() {
        #expect(MultistatusReader.read(Array("<html><body>oops".utf8)) == nil)
    }
}
