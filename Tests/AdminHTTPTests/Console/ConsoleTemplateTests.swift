import AdminHTTP
import Testing

/// What every console template must (not) contain (§8: every value escaped; the CSP allows no inline script or style).
@Suite("Console templates")
struct ConsoleTemplateTests {
    @Test("§8 no template uses an unescaped value ({{{x}}} or {{&x}}), an inline script, a style or an event handler")
    func noUnescapedValues() throws {
        #expect(!ConsoleTemplates.all.isEmpty)
        for (name, text) in ConsoleTemplates.all {
            #expect(!text.contains("{{{"), "\(name) uses {{{")
            #expect(text.range(of: #"\{\{\s*&"#, options: .regularExpression) == nil, "\(name) uses {{&")
            #expect(text.range(of: #"<script(?![^>]*\bsrc=)[^>]*>"#, options: .regularExpression) == nil,
                    "\(name) has an inline script")
            #expect(!text.lowercased().contains("<style"), "\(name) has a style element")
            #expect(text.range(of: #"\sstyle\s*="#, options: [.regularExpression, .caseInsensitive]) == nil,
                    "\(name) has a style attribute")
            #expect(text.range(of: #"\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil,
                    "\(name) has an event handler attribute")
            #expect(!text.contains("javascript:"), "\(name) has a javascript: URL")
        }
    }
}

@Suite("Console forms")
struct ConsoleFormTests {
    @Test("§8 a form decodes repeated fields (ids) as a list, + as space, %XX as UTF-8")
    func repeatedFields() throws {
        let form = try #require(ConsoleForm(urlEncoded: "ids=3&ids=17&why=not+a+customer&name=J%C3%BCrgen&empty="))
        #expect(form.values("ids") == ["3", "17"])
        #expect(form["ids"] == "3")
        #expect(form["why"] == "not a customer")
        #expect(form["name"] == "Jürgen")
        #expect(form["empty"] == "")
        #expect(form["absent"] == nil)
        #expect(form.values("absent").isEmpty)
        #expect(ConsoleForm(urlEncoded: "bad=%zz") == nil)
    }
}
