/// `GET /rating/rules`: the rules per account type, their check with the suggested repair, and the rating's runs.
enum RatingRulesTemplate {
    static let text = """
        {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
        {{#lastRun}}
        <section class="rating-last-run" data-job-run="{{id}}">
        <h2>Run {{id}}: {{state}}</h2>
        <p>{{examined}} accounts examined, {{changed}} ratings changed.</p>
        {{#hasMessages}}<pre>{{#messages}}{{.}}
        {{/messages}}</pre>{{/hasMessages}}
        </section>
        {{/lastRun}}
        <section class="rating-rules">
        {{#groups}}
        <h2>{{accountType}}</h2>
        <table data-account-type="{{accountType}}">
        <thead><tr><th>Rating</th><th>From</th><th>To</th><th>Currency</th></tr></thead>
        <tbody>
        {{#rules}}<tr><td>{{rating}}</td><td>{{from}}</td><td>{{to}}</td><td>{{currency}}</td></tr>
        {{/rules}}
        </tbody>
        </table>
        {{/groups}}
        {{^groups}}<p class="muted">No rating rules yet: import a rating-rules file.</p>{{/groups}}
        </section>
        <section class="rating-check">
        <h2>Check</h2>
        {{#hasFindings}}
        <ul>
        {{#findings}}<li data-finding="{{kind}}">{{text}}</li>
        {{/findings}}
        </ul>
        {{/hasFindings}}
        {{^hasFindings}}<p>The rules are clean: no overlapping ranges, no gaps.</p>{{/hasFindings}}
        <div class="actions">
        <form method="post" action="/rating/validate">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit" class="secondary">Check again</button>
        </form>
        {{#hasOverlaps}}
        <form method="post" action="/rating/validate">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="repair" value="1">
        <button type="submit"{{^can.ratingRules}} disabled{{/can.ratingRules}}>Apply the suggested repair</button>
        </form>
        {{/hasOverlaps}}
        </div>
        {{^can.ratingRules}}<p class="muted">Repairing the rules needs the right “rating-rules”.</p>{{/can.ratingRules}}
        </section>
        <section class="rating-run">
        <h2>Run the rating</h2>
        <form method="post" action="/rating/run">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit"{{^can.ratingRun}} disabled{{/can.ratingRun}}>Run the rating now</button>
        </form>
        {{^can.ratingRun}}<p class="muted">Running the rating needs the right “rating-run”.</p>{{/can.ratingRun}}
        <h2>Recent runs</h2>
        <table class="rating-runs">
        <thead><tr><th>Run</th><th>State</th><th>Started</th><th>Ended</th><th>Examined</th><th>Changed</th><th>Log</th></tr></thead>
        <tbody>
        {{#runs}}<tr data-job-run="{{id}}"><td>{{id}}</td><td>{{state}}</td><td>{{started}}</td><td>{{ended}}</td><td>{{examined}}</td><td>{{changed}}</td><td>{{#messages}}{{.}}<br>{{/messages}}</td></tr>
        {{/runs}}
        {{^runs}}<tr><td colspan="7">The rating has not run yet.</td></tr>{{/runs}}
        </tbody>
        </table>
        </section>

        """
}
