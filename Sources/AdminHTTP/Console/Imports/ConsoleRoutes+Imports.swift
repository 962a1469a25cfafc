import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The imports page (§8 Imports, §3): `GET /imports` (choose a kind, upload a CSV file or paste it, download
    /// templates), `POST /imports/check` (every rejected row by line and field, nothing written; a clean file gets a
    /// confirm button), `POST /imports` (the import, audited; nothing written when any row is bad) and
    /// `GET /imports/templates/KIND` (what `crmservice import template KIND` prints). Checking and importing need the
    /// right `import`.
    ///
    /// The confirm form re-posts the checked file as base64 (`csv64`): a browser rewrites line ends inside form fields,
    /// which would change a quoted multi-line value. The import decodes and checks every row again, so a file changed
    /// in between is still all or nothing.
    static func addImportRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let imports = services.imports else { return }

        router.get("/imports") { _, context in
            try context.page(title: "Imports", template: "imports", ImportsView.index(imports.importKinds()))
        }

        router.get("/imports/templates/:kind") { _, context in
            let kind = try context.parameters.require("kind")
            guard let text = imports.template(ofKind: kind) else {
                return try context.page(title: "No such kind", template: "error",
                                        ["message": "“\(kind)” cannot be imported.", "back": "/imports"],
                                        status: .notFound)
            }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(kind).csv\""],
                             body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }

        router.post("/imports/check") { request, context in
            try context.require(.import)
            let upload = try await ImportUpload.read(request, context: context)
            guard let upload, imports.template(ofKind: upload.kind) != nil else {
                return try badUpload(context, upload)
            }
            let report = try await BlockingThread.run(name: "crmservice.console-import") {
                try imports.check(kind: upload.kind, csv: upload.csv)
            }
            return try context.page(title: "Check of \(upload.kind).csv", template: "import-report",
                                    ImportsView.report(report, csv: upload.csv),
                                    status: report.problems.isEmpty ? .ok : .unprocessableContent)
        }

        router.post("/imports") { request, context in
            let login = try context.require(.import)
            let upload = try await ImportUpload.read(request, context: context)
            guard let upload, imports.template(ofKind: upload.kind) != nil else {
                return try badUpload(context, upload)
            }
            let now = services.now()
            let report = try await BlockingThread.run(name: "crmservice.console-import") {
                try imports.importCSV(kind: upload.kind, csv: upload.csv, actor: login.user.rawValue, at: now)
            }
            context.logger.notice("console import", metadata: [
                "import.kind": "\(upload.kind)", "import.problems": "\(report.problems.count)"])
            return try context.page(title: "Import of \(upload.kind).csv", template: "import-report",
                                    ImportsView.report(report, csv: nil),
                                    status: report.problems.isEmpty ? .ok : .unprocessableContent)
        }
    }

    private static func badUpload(_ context: ConsoleContext, _ upload: ImportUpload?) throws -> Response {
        let message = upload.map { "“\($0.kind)” cannot be imported." } ?? "Choose a kind and a CSV file."
        return try context.page(title: "Nothing to import", template: "error", ["message": message, "back": "/imports"],
                                status: .badRequest)
    }
}
