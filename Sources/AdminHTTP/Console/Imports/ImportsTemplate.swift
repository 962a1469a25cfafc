/// `GET /imports`: upload or paste a file of a kind to check it, and every kind's template.
enum ImportsTemplate {
    static let text = """
        {{^can.import}}<p class="muted">Checking and importing need the right “import”; you can download templates.</p>{{/can.import}}
        <section class="import-upload">
        <h2>Upload a CSV file</h2>
        <form method="post" action="/imports/check?csrf={{csrf}}" enctype="multipart/form-data" class="actions">
        <label>Kind <select name="kind">{{#kinds}}<option value="{{name}}">{{name}}</option>{{/kinds}}</select></label>
        <label>File <input type="file" name="csv" accept=".csv,text/csv" required></label>
        <button type="submit">Check the file</button>
        </form>
        <h2>Or paste it</h2>
        <form method="post" action="/imports/check">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p class="actions"><label>Kind <select name="kind">{{#kinds}}<option value="{{name}}">{{name}}</option>{{/kinds}}</select></label></p>
        <p><textarea name="text" rows="8" cols="90" required></textarea></p>
        <p><button type="submit">Check the text</button></p>
        </form>
        <p class="muted">A check writes nothing. Every rejected row is listed by line and field; a file is imported only
        when all its rows are good.</p>
        </section>
        <section class="import-templates">
        <h2>Templates</h2>
        <table>
        <thead><tr><th>Kind</th><th>Columns</th><th>Template</th></tr></thead>
        <tbody>
        {{#kinds}}
        <tr data-import-kind="{{name}}"><td>{{name}}</td><td>{{columns}}</td>
        <td><a href="/imports/templates/{{name}}">{{name}}.csv</a>{{#note}} <span class="muted">({{note}})</span>{{/note}}</td></tr>
        {{/kinds}}
        </tbody>
        </table>
        </section>

        """
}
