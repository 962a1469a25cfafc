/// The check of a file (with the confirm form when it is clean) or the result of its import.
enum ImportReportTemplate {
    static let text = """
        {{#written}}
        <p class="notice" data-import-written>Imported {{kind}}: {{inserted}} inserted, {{updated}} updated, {{unchanged}} unchanged.</p>
        {{/written}}
        {{#hasProblems}}
        <p class="error">{{problemCount}} rejected row(s): nothing of this file was written. Correct them and check the file again.</p>
        <table class="import-problems">
        <thead><tr><th>Line</th><th>Field</th><th>Problem</th></tr></thead>
        <tbody>
        {{#problems}}
        <tr data-import-line="{{line}}" data-import-field="{{field}}"><td>{{line}}</td><td>{{field}}</td><td>{{message}}</td></tr>
        {{/problems}}
        </tbody>
        </table>
        {{/hasProblems}}
        {{#confirm}}
        <p>All {{goodRows}} row(s) of this {{kind}} file are good. Nothing is written until you import it.</p>
        <form method="post" action="/imports">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="kind" value="{{kind}}">
        <input type="hidden" name="csv64" value="{{csv64}}">
        <button type="submit">Import {{goodRows}} row(s)</button>
        </form>
        {{/confirm}}
        <p><a href="/imports">Imports</a></p>

        """
}
