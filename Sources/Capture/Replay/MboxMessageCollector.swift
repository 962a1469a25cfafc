/// The lines of one mbox message as `MboxReader` reads them, kept whole up to `limit` bytes (§12). Past the limit
/// only the header section stays: what was kept of the body is dropped, header lines still coming are kept up to
/// `MessageTooLarge.headerBound`, everything else is only counted.
struct MboxMessageCollector {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// Bytes of the message, kept or not.
    private(set) var size = 0
    /// Whether the message passed the limit.
    private(set) var over = false
    /// `bytes.count` just after the empty line that ends the header, once seen.
    private var headerEnd: Int?

    init(limit: Int) { self.limit = limit }

    mutating func append(_ line: ArraySlice<UInt8>, blank: Bool) {
        size += line.count
        if !over {
            bytes.append(contentsOf: line)
        } else if headerEnd == nil, bytes.count < MessageTooLarge.headerBound {
            bytes.append(contentsOf: line.prefix(MessageTooLarge.headerBound - bytes.count))
        }
        if blank, headerEnd == nil { headerEnd = bytes.count }
        if !over, size > limit {
            over = true
            if let headerEnd { bytes.removeSubrange(headerEnd...) }
        }
    }
}
