/// `GET /review/people` (§8 "by person"): one row per unknown address with its open entries, newest subject, best
/// candidate and why; a link to the address's entries, and for a login with `review` a form to reject the candidate.
enum PeopleTemplate {
    static let text = """
        <h1>Review queue by person</h1>
        <p><a href="/review">All entries</a></p>
        <table class="people">
        <thead><tr><th>Address</th><th>Name</th><th>Open entries</th><th>Newest</th><th>Best candidate</th></tr></thead>
        <tbody>
        {{#people}}
        <tr data-unknown-address="{{address}}">
        <td><a href="{{entriesHref}}">{{address}}</a></td>
        <td>{{displayName}}</td>
        <td>{{openEntries}}</td>
        <td>{{newestDate}} {{newestSubject}}</td>
        <td>{{#candidate}}<span data-candidate-contact="{{contact}}">{{contactName}} ({{accountName}})</span>
        <span class="reason">{{explanation}}</span>
        {{#can.review}}<form method="post" action="/review/reject">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="address" value="{{address}}">
        <input type="hidden" name="contact" value="{{contact}}">
        <input type="hidden" name="next" value="{{back}}">
        <button type="submit">Not this contact</button>
        </form>{{/can.review}}{{/candidate}}{{^candidate}}none{{/candidate}}</td>
        </tr>
        {{/people}}
        {{^people}}<tr><td colspan="5">No open entries with a sender address.</td></tr>{{/people}}
        </tbody>
        </table>
        <p>{{#previous}}<a href="{{previous}}">Previous</a> {{/previous}}{{#next}}<a href="{{next}}">Next</a>{{/next}}</p>

        """
}
