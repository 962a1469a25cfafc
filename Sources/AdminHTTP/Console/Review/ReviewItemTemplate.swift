/// `GET /review/ID` and `GET /review/activities/ID` (§8): the message as text (never as markup), its attachments as
/// downloads, the capture trail and what people did, the ranked candidates (`data-candidate-contact`, best first),
/// and the forms: assign, dismiss, reprocess, remember, add the contact; keep/exclude for a flagged activity.
enum ReviewItemTemplate {
    static let text = """
        <p><a href="/review">Back to the queue</a></p>
        <section class="review-message">
        <h2>{{subjectLine}}</h2>
        <p class="meta">{{#senderName}}{{senderName}} {{/senderName}}&lt;{{sender}}&gt; · {{when}} · {{reason}} · {{status}}{{#assignedTo}} · assigned to {{assignedTo}}{{/assignedTo}}{{#dismissedWhy}} · dismissed: {{dismissedWhy}}{{/dismissedWhy}}</p>
        <details><summary>Headers (stored copies: {{copies}}; the first {{rawSize}} bytes)</summary>
        <dl class="headers">{{#headers}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/headers}}</dl>
        </details>
        {{#fromHTML}}<p class="note">The message is HTML; shown as its text.</p>{{/fromHTML}}
        <pre class="body">{{text}}</pre>
        {{#hasFiles}}<h3>Attachments</h3>{{/hasFiles}}
        <ul class="attachments">{{#files}}<li><a href="{{href}}" download>{{name}}</a> ({{type}}, {{size}} bytes)</li>{{/files}}</ul>
        <p><a href="{{rawHref}}" download>Download the raw message</a>{{#unreadable}} (this message could not be read){{/unreadable}}</p>
        <h3>Sources</h3>
        <ul>{{#sources}}<li>{{name}} {{value}}</li>{{/sources}}</ul>
        <h3>Why it is here</h3>
        <pre class="trail">{{trail}}</pre>
        <h3>What people did</h3>
        <ul class="audit">{{#actions}}<li>{{at}} {{actor}} {{action}}: {{detail}}</li>{{/actions}}{{^actions}}<li>nothing yet</li>{{/actions}}</ul>
        </section>
        {{^activity}}
        <section class="candidates">
        <h3>Candidate contacts</h3>
        <ol>
        {{#candidates}}
        <li data-candidate-contact="{{contact}}">
        <form method="post" action="/review/assign">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="ids" value="{{id}}">
        <input type="hidden" name="contact" value="{{contact}}">
        {{contactName}} ({{contact}}), {{accountName}} ({{account}}): <span class="why">{{why}}</span>
        {{#open}}{{#can.review}}<button type="submit">Assign to this contact</button>{{/can.review}}{{/open}}
        </form>
        </li>
        {{/candidates}}
        </ol>
        {{^hasCandidates}}<p>No candidate.</p>{{/hasCandidates}}
        </section>
        {{#open}}{{#can.review}}
        <section class="actions">
        <form method="post" action="/review/assign">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="ids" value="{{id}}">
        <label>Assign to contact id <input type="text" name="contact" required></label> <button type="submit">Assign</button>
        </form>
        <form method="post" action="/review/dismiss">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="ids" value="{{id}}">
        <label>Dismiss because <input type="text" name="why" required></label> <button type="submit">Dismiss</button>
        </form>
        <form method="post" action="/review/reprocess">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="ids" value="{{id}}">
        <button type="submit">Reprocess</button>
        </form>
        {{#hasSender}}
        <h3>Remember {{sender}}</h3>
        <form method="post" action="/review/remember">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="address" value="{{sender}}">
        <label>This address is contact id <input type="text" name="contact" required></label> <button type="submit">Remember</button>
        </form>
        <form method="post" action="/review/remember">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="address" value="{{sender}}">
        <input type="hidden" name="ignore" value="1"><button type="submit">Never capture this address</button>
        </form>
        <h3>Add the contact</h3>
        <form method="post" action="/review/contacts">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="address" value="{{sender}}">
        <label>Name <input type="text" name="name" value="{{suggestedName}}" required></label>
        <label>Account <select name="account">{{#choices}}<option value="{{account}}"{{#chosen}} selected{{/chosen}}>{{name}} ({{account}})</option>{{/choices}}</select></label>
        <button type="submit">Add the contact</button>
        </form>
        {{/hasSender}}
        </section>
        {{/can.review}}{{/open}}
        {{/activity}}
        {{#activity}}{{#can.review}}
        <form method="post" action="/review/privacy">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="ids" value="{{id}}">
        <button type="submit" name="decision" value="keep">Keep it (clear the flag)</button>
        <button type="submit" name="decision" value="exclude">Exclude it</button>
        </form>
        {{/can.review}}{{/activity}}

        """
}
