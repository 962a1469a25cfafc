/// Walks the entity tree of a message (RFC 2045 §2.4, RFC 2046 §5) and lists its leaves in document order.
///
/// Iterative with an explicit stack, so hostile nesting cannot overflow the call stack; nesting beyond
/// `Options.maxDepth` is kept as one opaque leaf and at most `Options.maxParts` entities are read.
/// `message/rfc822` parts are leaves: an embedded message is shown as an attachment, its parts stay inside it.
struct EntityTreeWalker {
    let bytes: [UInt8]
    let options: MIMEParser.Options

    private struct Pending {
        var range: Range<Int>
        var depth: Int
        /// RFC 2046 §5.1.5: in `multipart/digest` the default is `message/rfc822`.
        var defaultType: ContentType
    }

    static let messageRFC822 = ContentType(type: "message", subtype: "rfc822", parameters: [:])

    /// The leaves of the tree under the top-level entity, whose header block the caller already read.
    func leaves(top: HeaderBlock, topType: ContentType, defects: inout [MIMEDefect]) -> [MIMEEntity] {
        var result: [MIMEEntity] = []
        var entities = 1
        var first: (block: HeaderBlock, type: ContentType)? = (top, topType)
        var stack = [Pending(range: top.bodyStart..<bytes.endIndex, depth: 0, defaultType: .textPlain)]
        while let item = stack.popLast() {
            let block: HeaderBlock
            let type: ContentType
            if let given = first {
                (block, type) = given
                first = nil
            } else {
                // RFC 2046 §5.1.1: a body part may have no header fields at all (then it is text/plain), so
                // "no header block" is a defect of a message only, never of a part.
                var partDefects: [MIMEDefect] = []
                block = HeaderBlockParser.parse(bytes, in: item.range, options: options, defects: &partDefects)
                defects.append(contentsOf: partDefects.filter { $0 != .noHeaderBlock })
                type = contentType(of: block, default: item.defaultType, defects: &defects)
            }
            let body = min(block.bodyStart, item.range.upperBound)..<item.range.upperBound
            var entity = leaf(block, type, body)
            guard type.type == "multipart" else {
                result.append(entity)
                continue
            }
            if item.depth >= options.maxDepth {
                defects.append(.nestingTooDeep)
                entity.opaque = true
                result.append(entity)
                continue
            }
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
                defects.append(.missingBoundary)
                result.append(singlePart(entity, type))
                continue
            }
            // An empty multipart (Outlook writes them) has no parts and nothing wrong with its boundary.
            if isBlank(bytes[body]) { continue }
            let room = max(0, options.maxParts - entities)
            let split = MultipartSplitter.split(bytes, body, boundary: Array(boundary.utf8), maxParts: max(room, 1))
            guard split.foundBoundary else {
                defects.append(.boundaryNotFound)
                result.append(singlePart(entity, type))
                continue
            }
            if !split.closed && !split.truncated { defects.append(.missingClosingBoundary) }
            var parts = split.parts
            if parts.count > room || split.truncated {
                defects.append(.tooManyParts)
                parts = Array(parts.prefix(room))
            }
            entities += parts.count
            let childDefault = type.subtype == "digest" ? EntityTreeWalker.messageRFC822 : .textPlain
            for part in parts.reversed() {
                stack.append(Pending(range: part, depth: item.depth + 1, defaultType: childDefault))
            }
        }
        return result
    }

    /// The `Content-Type` of a block, the default when absent, `text/plain` when unreadable (RFC 2045 §5.2).
    func contentType(of block: HeaderBlock, default fallback: ContentType,
                     defects: inout [MIMEDefect]) -> ContentType {
        guard let field = block.first("Content-Type") else { return fallback }
        if isBlank(field.rawValue) { return fallback }
        return ContentTypeParser.parseContentType(field.rawValue, options: options, defects: &defects) ?? .textPlain
    }

    /// The leaf description of an entity: its type, disposition, Content-ID, transfer encoding and body range.
    private func leaf(_ block: HeaderBlock, _ type: ContentType, _ body: Range<Int>) -> MIMEEntity {
        var ignored: [MIMEDefect] = []
        let disposition = block.first("Content-Disposition").flatMap {
            ContentTypeParser.parseContentDisposition($0.rawValue, options: options, defects: &ignored)
        }
        // A bad Content-ID is not a message-id problem of the message: its defects are not reported.
        let contentID = block.first("Content-ID").flatMap { MessageIDParser.parseList($0.rawValue, defects: &ignored).first }
        return MIMEEntity(contentType: type, disposition: disposition, contentID: contentID,
                          encoding: TransferEncoding(headerValue: block.first("Content-Transfer-Encoding")?.rawValue),
                          bodyRange: body)
    }

    /// A multipart that cannot be split is read as one text part, keeping its charset.
    private func singlePart(_ entity: MIMEEntity, _ type: ContentType) -> MIMEEntity {
        var single = entity
        var parameters: [String: String] = [:]
        if let charset = type.parameters["charset"] { parameters["charset"] = charset }
        single.contentType = ContentType(type: "text", subtype: "plain", parameters: parameters)
        return single
    }

    private func isBlank(_ raw: ArraySlice<UInt8>) -> Bool {
        raw.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }
}
