/// What one transfer received, reached from libcurl's callbacks through an unretained pointer; the connection owns it.
/// Past `limit` bytes of body the transfer is aborted (§12: a server cannot make us grow without bound).
final class ResponseBuffer {
    var body: [UInt8] = []
    var headers: [String: String] = [:]
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func reset() {
        body.removeAll(keepingCapacity: body.capacity <= 4 << 20)
        headers.removeAll()
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= limit - body.count else { return false }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line; a status line (a new answer after `100 Continue` or a redirect) starts the headers afresh.
    func header(_ bytes: UnsafeBufferPointer<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") { headers.removeAll(); return }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers[name] = value
    }
}
