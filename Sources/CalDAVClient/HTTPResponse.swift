/// One HTTP answer: status, the headers the client reads, and the body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lowercased; the last value of a repeated header.
    public var headers: [String: String]
    public var body: [UInt8]

    public var etag: String? { headers["etag"] }
}
