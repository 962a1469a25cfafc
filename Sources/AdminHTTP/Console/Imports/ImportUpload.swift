import Foundation
import Hummingbird
import MultipartKit

/// The kind and the CSV bytes of an import form: a `multipart/form-data` upload (fields `kind` and the file `csv`,
/// or the pasted `text`), or a urlencoded form (`kind` with `text`, or the confirm form's base64 `csv64`).
struct ImportUpload: Sendable {
    var kind: String
    var csv: [UInt8]

    /// nil when the request names no kind or carries no file.
    static func read(_ request: Request, context: ConsoleContext) async throws -> ImportUpload? {
        let type = request.headers[.contentType] ?? ""
        if let boundary = boundary(of: type) {
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let parts = try parts(Array(buffer: body), boundary: boundary)
            let kind = parts.firstPart(named: "kind").map { String(buffer: $0.body) } ?? ""
            let file = parts.firstPart(named: "csv").map { Array(buffer: $0.body) } ?? []
            let text = parts.firstPart(named: "text").map { Array(buffer: $0.body) } ?? []
            let csv = file.isEmpty ? text : file
            return kind.isEmpty || csv.isEmpty ? nil : ImportUpload(kind: kind, csv: csv)
        }
        let form = context.form
        guard let kind = form["kind"], !kind.isEmpty else { return nil }
        if let encoded = form["csv64"], let data = Data(base64Encoded: encoded), !data.isEmpty {
            return ImportUpload(kind: kind, csv: [UInt8](data))
        }
        guard let text = form["text"], !text.isEmpty else { return nil }
        return ImportUpload(kind: kind, csv: Array(text.utf8))
    }

    /// The `boundary` parameter of a `multipart/form-data` content type (RFC 7578 §4.1), unquoted.
    static func boundary(of contentType: String) -> String? {
        let items = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard items.first?.lowercased() == "multipart/form-data" else { return nil }
        for item in items.dropFirst() where item.lowercased().hasPrefix("boundary=") {
            var value = item.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty || value.count > 70 ? nil : String(value)
        }
        return nil
    }

    /// The parts of a multipart body, parsed by MultipartKit; a malformed body is a 400.
    static func parts(_ body: [UInt8], boundary: String) throws -> [MultipartPart] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var data = ByteBuffer()
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in data.writeBuffer(&chunk) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: data))
            headers = HTTPHeaders()
            data = ByteBuffer()
        }
        do { try parser.execute(body) } catch { throw HTTPError(.badRequest, message: "malformed multipart body") }
        return parts
    }
}
