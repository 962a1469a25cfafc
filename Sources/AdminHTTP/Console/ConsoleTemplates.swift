/// Every template of the console by name, each a Swift string literal in a file of its own beside its routes (so an
/// installed binary needs no template files). A page area adds one line per template. Templates escape every value
/// (`{{x}}`); `{{{x}}}` and `{{&x}}` are forbidden, as are inline scripts and styles (a test scans this list).
public enum ConsoleTemplates {
    public static let all: [String: String] = [
        "layout": LayoutTemplate.text,
        "error": ErrorTemplate.text,
        "login": LoginTemplate.text,
        "dashboard": DashboardTemplate.text,
        "imports": ImportsTemplate.text,
        "import-report": ImportReportTemplate.text,
        "rating-rules": RatingRulesTemplate.text,
        "review-list": ReviewListTemplate.text,
        "review-item": ReviewItemTemplate.text,
        "jobs": JobsTemplate.text,
        "accounts": AccountsTemplate.list,
        "account": AccountsTemplate.history,
        "people": PeopleTemplate.text,
        "archives": ArchivesTemplate.text,
    ]
}
