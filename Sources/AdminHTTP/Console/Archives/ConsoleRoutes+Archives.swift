import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// `GET /archives` and, for the right `archive`, `POST /archives/ID/download|delete|restore` (§8, §10), each with
    /// the field `password`: the user's own, again. A missing right is 403; a refused action (wrong password, an
    /// archive not available) redirects to the page with a notice and changes nothing. Every attempt is audited by
    /// the port.
    static func addArchivesRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let archives = services.archives else { return }

        router.get("/archives") { request, context in
            let query = ConsoleForm(query: request.uri.query)
            let list = try await BlockingThread.run(name: "crmservice.console-archives") { try archives.archives() }
            var data: [String: Any] = ["archives": list.map { a -> [String: Any] in
                ["id": a.id.description, "state": a.state.rawValue, "created": MailboxHealth.utc(a.createdAt),
                 "by": a.createdBy, "cutoff": a.cutoff, "activities": a.activities, "unmatched": a.unmatched,
                 "jobRuns": a.jobRuns, "bytes": a.bytes, "sha256": a.sha256, "sha256Prefix": String(a.sha256.prefix(12)), "available": a.state == .available]
            }]
            if let refused = query["refused"] { data["notice"] = "Refused: \(refused)" }
            if let done = query["done"], let id = query["id"] { data["notice"] = "Archive \(id): \(done)." }
            return try context.page(title: "Archives", template: "archives", data)
        }

        router.post("/archives/:id/:action") { _, context in
            let login = try context.require(.archive)
            let action = try context.parameters.require("action")
            guard ["download", "delete", "restore"].contains(action),
                  let id = ArchiveID(try context.parameters.require("id")) else {
                return context.redirect(to: "/archives?refused=unknown")
            }
            let password = context.form["password"] ?? ""
            do {
                switch action {
                case "download":
                    let path = try await BlockingThread.run(name: "crmservice.console-archives") {
                        try archives.download(id, user: login.user, password: password)
                    }
                    return Self.zipResponse(path: path, name: "archive-\(id).zip")
                case "delete":
                    try await BlockingThread.run(name: "crmservice.console-archives") {
                        try archives.delete(id, user: login.user, password: password)
                    }
                default:
                    try await BlockingThread.run(name: "crmservice.console-archives") {
                        try archives.restore(id, user: login.user, password: password)
                    }
                }
                return context.redirect(to: "/archives?done=\(action == "delete" ? "deleted" : "restored")&id=\(id)")
            } catch let refused as ArchiveActionRefused {
                let reason = refused.reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "refused"
                return context.redirect(to: "/archives?refused=\(reason)")
            }
        }
    }

    /// The ZIP file as the answer, read in blocks of 1 MiB, removed once sent.
    static func zipResponse(path: String, name: String) -> Response {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: size) { writer in
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ArchiveActionRefused(reason: "the ZIP vanished") }
            defer { try? handle.close() }
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                try await writer.write(ByteBuffer(bytes: block))
            }
            try await writer.finish(nil)
        })
    }
}
