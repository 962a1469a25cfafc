import CRMCore
import Foundation
import Hummingbird

/// A file from mail offered for download (§8): always `Content-Disposition: attachment` and
/// `application/octet-stream`, so a browser never renders what a sender chose (an attachment named `x.html` holding
/// script stays a file), under a name that cannot be a path.
enum ReviewDownload {
    /// `name` as a plain file name: only what follows the last `/` or `\`, without control characters, quotes,
    /// semicolons or leading dots, at most 200 characters; `fallback` when nothing is left.
    static func safeFileName(_ name: String?, fallback: String) -> String {
        var base = Substring(name ?? "")
        if let cut = base.lastIndex(where: { $0 == "/" || $0 == "\\" }) { base = base[base.index(after: cut)...] }
        var cleaned = String(base.unicodeScalars.filter { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7f && !"\"';:*?<>|%".unicodeScalars.contains(scalar)
                && !(0x80...0x9f).contains(scalar.value)
        }.map(Character.init))
        while cleaned.hasPrefix(".") || cleaned.hasPrefix(" ") { cleaned.removeFirst() }
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        if cleaned.count > 200 { cleaned = String(cleaned.suffix(200)) }
        return cleaned.isEmpty ? fallback : cleaned
    }

    /// The header value: an ASCII `filename` (others replaced by `_`) and the exact name as RFC 5987 `filename*`.
    static func contentDisposition(_ safeName: String) -> String {
        let ascii = String(safeName.unicodeScalars.map { $0.isASCII ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7f}"))
        allowed.insert(charactersIn: "-._~")
        let encoded = safeName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func response(_ file: ReviewFile, fallback: String) -> Response {
        let name = safeFileName(file.filename, fallback: fallback)
        return Response(
            status: .ok,
            headers: [.contentType: "application/octet-stream", .contentDisposition: contentDisposition(name),
                      .xContentTypeOptions: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
