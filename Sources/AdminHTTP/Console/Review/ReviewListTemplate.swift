/// `GET /review` (§8): the filter form, one page of the queue (each entry an element with `data-unmatched-id` holding
/// its `ids` checkbox), and one form for the bulk actions (assign to a contact id, or dismiss with a reason; keep or
/// exclude in the privacy filter). Works without script.
enum ReviewListTemplate {
    static let text = """
        <p><a href="/review/people">Grouped by person</a></p>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <form class="review-filter" method="get" action="/review">
        <label>Show <select name="category">{{#categories}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/categories}}</select></label>
        <label>Reason <select name="reason">{{#reasons}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/reasons}}</select></label>
        <label>Mailbox <select name="mailbox">{{#mailboxes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/mailboxes}}</select></label>
        <label>From <input type="date" name="from" value="{{from}}"></label>
        <label>To <input type="date" name="to" value="{{to}}"></label>
        <label>Text <input type="search" name="q" value="{{q}}" placeholder="sender or subject"></label>
        <button type="submit">Filter</button>
        </form>
        <p class="range">{{range}}</p>
        <form class="review-bulk" method="post" action="{{#privacy}}/review/privacy{{/privacy}}{{^privacy}}/review/assign{{/privacy}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <table class="review-queue">
        <thead><tr><th></th><th>Date</th><th>Sender</th><th>Subject</th><th>Reason</th><th>Mailbox</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr data-unmatched-id="{{id}}">
        <td><input type="checkbox" name="ids" value="{{id}}" aria-label="select {{id}}"></td>
        <td>{{when}}</td>
        <td>{{#senderName}}{{senderName}} {{/senderName}}&lt;{{sender}}&gt;</td>
        <td><a href="{{href}}">{{subjectText}}</a></td>
        <td>{{reason}}</td>
        <td>{{mailboxList}}</td>
        </tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="6">Nothing to review here.</td></tr>{{/rows}}
        </tbody>
        </table>
        {{#can.review}}
        {{#privacy}}
        <p class="bulk">
        <button type="submit" name="decision" value="keep">Keep selected (clear the flag)</button>
        <button type="submit" name="decision" value="exclude">Exclude selected</button>
        </p>
        {{/privacy}}
        {{^privacy}}
        <p class="bulk">
        <label>Contact id <input type="text" name="contact"></label>
        <button type="submit" formaction="/review/assign">Assign selected</button>
        </p>
        <p class="bulk">
        <label>Reason <input type="text" name="why"></label>
        <button type="submit" formaction="/review/dismiss">Dismiss selected</button>
        <button type="submit" formaction="/review/reprocess">Reprocess selected</button>
        </p>
        {{/privacy}}
        {{/can.review}}
        </form>
        <p class="paging">{{#previous}}<a rel="prev" href="{{previous}}">Previous</a>{{/previous}} {{#next}}<a rel="next" href="{{next}}">Next</a>{{/next}}</p>

        """
}
