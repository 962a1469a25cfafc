/// The account list with its search (`GET /accounts`) and one account's history (`GET /accounts/ID`).
enum AccountsTemplate {
    static let list = """
        <form class="filters" method="get" action="/accounts">
        <label>Account <input type="search" name="q" value="{{q}}" placeholder="id or name"></label>
        <button type="submit" class="secondary">Search</button>
        </form>
        <table class="accounts">
        <thead><tr><th>Id</th><th>Name</th><th>Type</th><th>Status</th><th>Parent</th><th>Rating</th></tr></thead>
        <tbody>
        {{#accounts}}<tr data-account-id="{{id}}"><td><a href="{{href}}">{{id}}</a></td><td>{{name}}</td><td>{{type}}</td><td>{{status}}</td><td>{{parentId}}</td><td>{{rating}}</td></tr>
        {{/accounts}}
        {{^accounts}}<tr><td colspan="6">No account matches.</td></tr>{{/accounts}}
        </tbody>
        </table>
        {{#pager}}<p class="pager">{{#previous}}<a href="{{previous}}">Previous</a>{{/previous}} <span>page {{page}}</span> {{#next}}<a href="{{next}}">Next</a>{{/next}}</p>{{/pager}}

        """

    static let history = """
        {{#profile}}
        {{#account}}
        <table class="account" data-account="{{id}}">
        <tbody>
        <tr><th>Id</th><td>{{id}}</td></tr>
        <tr><th>Type</th><td>{{type}}</td></tr>
        <tr><th>Status</th><td>{{status}}</td></tr>
        <tr><th>Rating</th><td data-rating="{{rating}}">{{rating}}</td></tr>
        {{/account}}
        <tr><th>Parent</th><td>{{#parent}}<a href="{{href}}">{{name}}</a> ({{id}}){{/parent}}{{^parent}}–{{/parent}}</td></tr>
        <tr><th>Subsidiaries</th><td>{{#subsidiaries}}<div class="subsidiary" data-depth="{{depth}}">{{depth}}: <a href="{{href}}">{{name}}</a> ({{id}})</div>{{/subsidiaries}}{{^hasSubsidiaries}}–{{/hasSubsidiaries}}</td></tr>
        </tbody>
        </table>
        <h2>Rating rules of its type</h2>
        <table class="rating-rules">
        <thead><tr><th>Rating</th><th>From</th><th>To</th><th>Currency</th></tr></thead>
        <tbody>
        {{#rules}}<tr{{#current}} aria-current="true"{{/current}}><td>{{rating}}{{#current}} ← this account{{/current}}</td><td>{{from}}</td><td>{{to}}</td><td>{{currency}}</td></tr>
        {{/rules}}
        {{^rules}}<tr><td colspan="4">No rules for this type.</td></tr>{{/rules}}
        </tbody>
        </table>
        {{/profile}}

        <h2>History (with its subsidiaries, newest first)</h2>
        <table class="history">
        <thead><tr><th>Date (UTC)</th><th></th><th>Subject</th><th>Account</th><th>Contacts</th><th>Users</th><th>Orders</th></tr></thead>
        <tbody>
        {{#entries}}
        {{#activity}}<tr data-activity-id="{{id}}"><td>{{date}}</td><td>{{#incoming}}in{{/incoming}}{{^incoming}}out{{/incoming}}</td><td>{{subject}}</td>
        <td>{{#accounts}}<a href="{{href}}">{{name}}</a> {{/accounts}}</td>
        <td>{{#contacts}}{{name}}<br>{{/contacts}}</td><td>{{#users}}{{name}}<br>{{/users}}</td><td>{{#orders}}{{.}} {{/orders}}</td></tr>{{/activity}}
        {{#appointment}}<tr data-appointment-id="{{id}}"><td>{{start}}</td><td>meeting</td><td>{{#cancelled}}<s>{{/cancelled}}{{title}}{{#cancelled}}</s>{{/cancelled}}{{#location}} ({{location}}){{/location}}</td>
        <td>{{#accounts}}<a href="{{href}}">{{name}}</a> {{/accounts}}</td>
        <td>{{#contacts}}{{name}}<br>{{/contacts}}</td><td>{{owner}}<br>{{#users}}{{name}}<br>{{/users}}</td><td></td></tr>{{/appointment}}
        {{/entries}}
        {{^entries}}<tr><td colspan="7">Nothing recorded.</td></tr>{{/entries}}
        </tbody>
        </table>
        {{#pager}}<p class="pager">{{#previous}}<a href="{{previous}}">Newer</a>{{/previous}} <span>page {{page}}</span> {{#next}}<a href="{{next}}">Older</a>{{/next}}</p>{{/pager}}

        """
}
