/// The dashboard (`GET /`): the mailboxes' health, messages captured per day by outcome (an SVG drawn on the server
/// from numbers), the open review queue by reason, and the scheduler with each job's next runs.
enum DashboardTemplate {
    static let text = """
        <section class="dashboard-mailboxes">
        <h2>Mailboxes</h2>
        <table class="mailboxes">
        <thead><tr><th>Mailbox</th><th>Health</th><th>Last successful poll</th><th>Failures in a row</th><th>Last error</th></tr></thead>
        <tbody>
        {{#mailboxes}}
        <tr data-mailbox="{{name}}"><td>{{name}}</td><td>{{#healthy}}ok{{/healthy}}{{^healthy}}<span class="error">failing</span>{{/healthy}}</td>
        <td>{{lastSuccess}}</td><td>{{failures}}</td><td>{{lastErrorKind}} {{lastError}}</td></tr>
        {{/mailboxes}}
        {{^mailboxes}}<tr><td colspan="5">No mailbox is polled.</td></tr>{{/mailboxes}}
        </tbody>
        </table>
        </section>

        {{#chart}}
        <section class="dashboard-chart">
        <h2>Messages captured per day (last 30 days, UTC)</h2>
        <svg class="capture-chart" xmlns="http://www.w3.org/2000/svg" width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="Messages captured per day by outcome">
        <line x1="{{axisX}}" y1="{{baseline}}" x2="{{width}}" y2="{{baseline}}" stroke="#5b6472" stroke-width="1"/>
        <text x="{{axisX}}" y="{{highestY}}" text-anchor="end" font-size="11" fill="#5b6472">{{highest}}</text>
        <text x="{{axisX}}" y="{{baseline}}" text-anchor="end" font-size="11" fill="#5b6472">0</text>
        {{#bars}}
        <g class="bar" data-day="{{day}}" data-total="{{total}}">
        {{#segments}}<rect x="{{x}}" y="{{y}}" width="{{barWidth}}" height="{{height}}" fill="{{fill}}" data-outcome="{{outcome}}" data-count="{{count}}"><title>{{day}} {{outcome}}: {{count}}</title></rect>
        {{/segments}}
        <text x="{{labelX}}" y="{{labelY}}" text-anchor="middle" font-size="10" fill="#5b6472">{{label}}</text>
        </g>
        {{/bars}}
        </svg>
        <p class="legend">{{#legend}}<svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{{fill}}"/></svg> {{outcome}} &nbsp; {{/legend}}</p>
        {{#empty}}<p class="muted">Nothing was captured in these 30 days.</p>{{/empty}}
        <details><summary>The numbers</summary>
        <table class="capture-counts">
        <thead><tr><th>Day</th><th>Activity</th><th>Unmatched</th><th>Ignored</th><th>Duplicate</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{day}}</td><td>{{activity}}</td><td>{{unmatched}}</td><td>{{ignored}}</td><td>{{duplicate}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        </details>
        </section>
        {{/chart}}

        {{#hasQueue}}
        <section class="dashboard-queue">
        <h2>Open review queue: {{queueTotal}}</h2>
        <table class="queue-reasons">
        <thead><tr><th>Reason</th><th>Open entries</th></tr></thead>
        <tbody>
        {{#queue}}<tr data-reason="{{reason}}"><td><a href="/review?reason={{reason}}">{{reason}}</a></td><td>{{count}}</td></tr>
        {{/queue}}
        {{^queue}}<tr><td colspan="2">The queue is empty.</td></tr>{{/queue}}
        </tbody>
        </table>
        </section>
        {{/hasQueue}}

        {{#scheduler}}
        <section class="dashboard-scheduler">
        <h2>Scheduler: <span data-scheduler-mode="{{mode}}">{{mode}}</span></h2>
        <table class="jobs">
        <thead><tr><th>Job</th><th>State</th><th>Next runs (UTC)</th></tr></thead>
        <tbody>
        {{#jobs}}<tr data-job="{{name}}"><td><a href="/jobs">{{name}}</a></td><td>{{state}}</td><td>{{#nextRuns}}{{.}}<br>{{/nextRuns}}{{^nextRuns}}–{{/nextRuns}}</td></tr>
        {{/jobs}}
        </tbody>
        </table>
        </section>
        {{/scheduler}}

        {{#instances}}
        <section class="dashboard-instances">
        <h2>Instances and what they hold</h2>
        <table class="leases">
        <thead><tr><th>Holds</th><th>Instance</th><th>Since (UTC)</th><th>Until (UTC)</th></tr></thead>
        <tbody>
        {{#leases}}<tr data-lease="{{key}}"><td>{{key}}</td><td>{{holder}}</td><td>{{acquired}}</td><td>{{#held}}{{expires}}{{/held}}{{^held}}<span class="muted">free since {{expires}}</span>{{/held}}</td></tr>
        {{/leases}}
        {{^leases}}<tr><td colspan="4">No lease taken yet.</td></tr>{{/leases}}
        </tbody>
        </table>
        </section>
        {{/instances}}

        """
}
