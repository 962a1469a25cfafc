/// The archives page (`GET /archives`): every archive with its state, and for the right `archive` the download,
/// delete and restore forms of an available one in a row below it, each asking for the user's password again
/// (§8, §10). The SHA-256 shows its first 12 digits, the whole in its title.
enum ArchivesTemplate {
    static let text = """
        {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
        <table class="archives">
        <thead><tr><th>Archive</th><th>State</th><th>Created</th><th>By</th><th>Cutoff</th><th>Activities</th><th>Unmatched</th><th>Job runs</th><th>Bytes</th><th>SHA-256</th></tr></thead>
        <tbody>
        {{#archives}}
        <tr data-archive-id="{{id}}"><td>{{id}}</td><td>{{state}}</td><td>{{created}}</td><td>{{by}}</td><td>{{cutoff}}</td>
        <td>{{activities}}</td><td>{{unmatched}}</td><td>{{jobRuns}}</td><td>{{bytes}}</td><td><code title="{{sha256}}">{{sha256Prefix}}…</code></td></tr>
        {{#can.archive}}{{#available}}<tr><td colspan="10"><div class="archive-actions">
        <form method="post" action="/archives/{{id}}/download"><input type="hidden" name="csrf" value="{{csrf}}"><label>Password <input type="password" name="password" required autocomplete="current-password"></label><button type="submit" class="secondary">Download</button></form>
        <form method="post" action="/archives/{{id}}/restore"><input type="hidden" name="csrf" value="{{csrf}}"><label>Password <input type="password" name="password" required autocomplete="current-password"></label><button type="submit" class="secondary">Restore</button></form>
        <form method="post" action="/archives/{{id}}/delete"><input type="hidden" name="csrf" value="{{csrf}}"><label>Password <input type="password" name="password" required autocomplete="current-password"></label><button type="submit">Delete for good</button></form>
        </div></td></tr>{{/available}}{{/can.archive}}
        {{/archives}}
        {{^archives}}<tr><td colspan="10">No archive yet.</td></tr>{{/archives}}
        </tbody>
        </table>

        """
}
