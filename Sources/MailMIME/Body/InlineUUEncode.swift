/// Files uuencoded straight into a `text/plain` body (`begin 644 name` … `end`), as mail clients before MIME sent
/// them and Outlook/Thunderbird still show them: each block becomes an attachment and leaves the body text.
///
/// Only complete blocks count: a `begin` line with an octal mode and a name, then an `end` line; prose that merely
/// starts with "begin" stays text.
enum InlineUUEncode {
    struct Block {
        var filename: String
        var data: [UInt8]
    }

    /// The text without its uuencoded blocks, and the blocks; nil when there is none (the common case, cheaply).
    static func extract(from text: String) -> (text: String, blocks: [Block])? {
        guard text.utf8.count >= 10, mayContainBlock(text) else { return nil }
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        var blocks: [Block] = []
        var lineStart = 0
        var copiedUpTo = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            if let name = beginLine(bytes[lineStart..<lineEnd]), let stop = endLine(bytes, after: lineEnd) {
                var junk = false
                let block = Array(bytes[lineStart..<stop.lineEnd])
                let data = block.withUnsafeBufferPointer { input in
                    [UInt8](unsafeUninitializedCapacity: max(1, input.count)) { buffer, count in
                        count = UUDecoder.decode(input, into: buffer.baseAddress!, sawJunk: &junk)
                    }
                }
                blocks.append(Block(filename: name, data: data))
                kept.append(contentsOf: bytes[copiedUpTo..<lineStart])
                copiedUpTo = min(stop.lineEnd + 1, bytes.count)
                lineStart = copiedUpTo
                continue
            }
            lineStart = lineEnd + 1
        }
        guard !blocks.isEmpty else { return nil }
        kept.append(contentsOf: bytes[min(copiedUpTo, bytes.count)...])
        return (String(decoding: kept, as: UTF8.self), blocks)
    }

    private static func mayContainBlock(_ text: String) -> Bool {
        var previous: UInt8 = 0x0A
        var iterator = text.utf8.makeIterator()
        var window: [UInt8] = []
        while let byte = iterator.next() {
            if previous == 0x0A && byte == UInt8(ascii: "b") { window = [byte] }
            else if !window.isEmpty {
                window.append(byte)
                if window.count == 6 {
                    if window == Array("begin ".utf8) { return true }
                    window = []
                }
            }
            previous = byte
        }
        return false
    }

    /// `begin MODE NAME` with a 3–4 digit octal mode; returns NAME.
    private static func beginLine(_ line: ArraySlice<UInt8>) -> String? {
        var s = Array(line)
        if s.last == 0x0D { s.removeLast() }
        guard s.count > 10, s.starts(with: Array("begin ".utf8)) else { return nil }
        var i = 6
        let modeStart = i
        while i < s.count, s[i] >= 0x30, s[i] <= 0x37 { i += 1 }
        guard (3...4).contains(i - modeStart), i < s.count, s[i] == 0x20 else { return nil }
        let name = String(decoding: s[(i + 1)...], as: UTF8.self)
        return name.allSatisfy({ $0 == " " }) ? nil : name
    }

    /// The `end` line closing a block that starts after `lineEnd`; every line in between must look uuencoded.
    private static func endLine(_ bytes: [UInt8], after lineEnd: Int) -> (lineStart: Int, lineEnd: Int)? {
        var start = lineEnd + 1
        while start < bytes.count {
            let stop = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var content = bytes[start..<stop]
            if content.last == 0x0D { content = content.dropLast() }
            if content.elementsEqual("end".utf8) { return (start, stop) }
            // uuencoded lines hold only the characters 0x20...0x60 and are at most 62 characters long.
            guard content.count <= 62, content.allSatisfy({ $0 >= 0x20 && $0 <= 0x60 }) else { return nil }
            start = stop + 1
        }
        return nil
    }
}
