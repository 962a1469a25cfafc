import CRMCore
import Foundation
import Hummingbird
import Mustache

/// The console's templates (`ConsoleTemplates.all`, Swift string literals, so an installed binary needs no files),
/// parsed once at start into one `MustacheLibrary`, and the layout every page is rendered in.
///
/// The layout (`layout`) renders the page's template as the dynamic partial `consoleTemplate` inside a `{{#page}}`
/// section: the page's data is on top of the context stack, the layout's values (`csrf`, `user`, `can`, `title`,
/// `nav`) below it, so a page template sees both.
struct ConsolePages: Sendable {
    let library: MustacheLibrary

    /// Parses every template; a template that does not parse is a `ConsoleTemplateError` naming it.
    init(templates: [String: String] = ConsoleTemplates.all) throws(ConsoleTemplateError) {
        var library = MustacheLibrary()
        for (name, text) in templates {
            do { try library.register(text, named: name) } catch {
                throw ConsoleTemplateError(template: name, reason: "\(error)")
            }
        }
        self.library = library
    }

    func response(title: String, template: String, data: Any, context: ConsoleContext,
                  status: HTTPResponse.Status) throws -> Response {
        guard library.getTemplate(named: template) != nil else {
            throw ConsoleTemplateError(template: template, reason: "no such template")
        }
        let root = Self.chrome(title: title, context: context).merging(
            ["page": data, "consoleTemplate": template]) { _, new in new }
        let html = library.render(root, withTemplate: "layout") ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The layout's values: who is logged in, what they may do, the CSRF token and the navigation.
    static func chrome(title: String, context: ConsoleContext) -> [String: Any] {
        var can: [String: Bool] = [:]
        for right in LoginRight.allCases { can[camelCase(right.rawValue)] = context.can(right) }
        var values: [String: Any] = [
            "title": title,
            "can": can,
            "nav": ConsoleNavigation.items(current: context.endpointPath ?? ""),
        ]
        if let login = context.login {
            values["user"] = ["id": login.user.rawValue, "name": login.name.isEmpty ? login.user.rawValue : login.name]
        }
        if let session = context.session { values["csrf"] = session.csrfToken }
        return values
    }

    /// `rating-rules` → `ratingRules` (mustache names with a dash read badly).
    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "-")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }
}

/// A console template that does not parse or does not exist.
public struct ConsoleTemplateError: Error, CustomStringConvertible {
    public var template: String
    public var reason: String
    public var description: String { "console template \(template): \(reason)" }
}
