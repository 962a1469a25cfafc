/// A placeholder dashboard (the dashboard's own helper replaces it): each mailbox's health.
enum DashboardTemplate {
    static let text = """
        <table class="mailboxes">
        <thead><tr><th>Mailbox</th><th>Last success</th><th>Failures in a row</th><th>Last error</th></tr></thead>
        <tbody>
        {{#mailboxes}}
        <tr><td>{{name}}</td><td>{{lastSuccess}}</td><td>{{failures}}</td><td>{{lastError}}</td></tr>
        {{/mailboxes}}
        {{^mailboxes}}<tr><td colspan="4">No mailbox is polled.</td></tr>{{/mailboxes}}
        </tbody>
        </table>

        """
}
