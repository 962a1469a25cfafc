/// The XML bodies of the requests (RFC 4918 §9.1, RFC 6578 §3.2, RFC 4791 §7.9).
enum CalDAVRequests {
    static let namespaces =
        #"xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/""#

    static func propfind(_ props: [String]) -> [UInt8] {
        Array(#"<?xml version="1.0" encoding="utf-8"?><d:propfind \#(namespaces)><d:prop>\#(props.joined())</d:prop></d:propfind>"#.utf8)
    }

    static func syncCollection(token: String?) -> [UInt8] {
        let tokenElement = token.map { "<d:sync-token>\(escape($0))</d:sync-token>" } ?? "<d:sync-token/>"
        return Array(#"<?xml version="1.0" encoding="utf-8"?><d:sync-collection \#(namespaces)>\#(tokenElement)<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"#.utf8)
    }

    static func multiget(_ hrefs: [DAVHref]) -> [UInt8] {
        let list = hrefs.map { "<d:href>\(escape($0.path))</d:href>" }.joined()
        return Array(#"<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget \#(namespaces)><d:prop><d:getetag/><c:calendar-data/></d:prop>\#(list)</c:calendar-multiget>"#.utf8)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
