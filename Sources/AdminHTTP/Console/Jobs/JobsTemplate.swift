/// The jobs page (`GET /jobs`): the scheduler's mode with its buttons, every job with its schedule and next fire
/// times, the pending one-off runs with a cancel button, and the runs of one day (imports among them) with a stop
/// button on running ones. Buttons show for the `scheduler` right; the
/// routes check it again.
enum JobsTemplate {
    static let text = """
        {{#notice}}<p class="notice">{{notice}}</p>{{/notice}}
        <section class="scheduler">
        <p>Scheduler: <strong data-scheduler-mode="{{mode}}">{{mode}}</strong></p>
        {{#can.scheduler}}
        <div class="actions">
        {{#running}}<form method="post" action="/jobs/standby"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Standby</button></form>{{/running}}
        {{^running}}<form method="post" action="/jobs/running"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Set running</button></form>{{/running}}
        </div>
        {{/can.scheduler}}
        </section>

        <h2>Jobs</h2>
        <table class="jobs">
        <thead><tr><th>Job</th><th>Enabled</th><th>Schedule</th><th>State</th><th>Last run</th><th>Next runs (UTC)</th><th></th></tr></thead>
        <tbody>
        {{#jobs}}
        <tr data-job="{{name}}"><td>{{name}}</td><td>{{#enabled}}yes{{/enabled}}{{^enabled}}no{{/enabled}}</td><td>{{schedule}}</td>
        <td>{{state}}</td><td>{{lastRun}}</td><td>{{#nextRuns}}{{.}}<br>{{/nextRuns}}{{^nextRuns}}–{{/nextRuns}}</td>
        <td>{{#can.scheduler}}{{#runnable}}<form method="post" action="/jobs/{{name}}/run"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">Run now</button></form>{{/runnable}}{{/can.scheduler}}</td></tr>
        {{/jobs}}
        </tbody>
        </table>

        <h2>Pending runs</h2>
        <table class="pending">
        <thead><tr><th>Pending</th><th>Job</th><th>At (UTC)</th><th>Asked by</th><th></th></tr></thead>
        <tbody>
        {{#pending}}
        <tr data-pending-run="{{id}}"><td>{{id}}</td><td>{{job}}</td><td>{{at}}</td><td>{{by}}</td>
        <td>{{#can.scheduler}}<form method="post" action="/jobs/pending/{{id}}/cancel"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">Cancel</button></form>{{/can.scheduler}}</td></tr>
        {{/pending}}
        {{^pending}}<tr><td colspan="5">No pending run (crmservice jobs run NAME --at TIME adds one).</td></tr>{{/pending}}
        </tbody>
        </table>

        <h2>Runs of {{day}}</h2>
        <form class="filters" method="get" action="/jobs">
        <label>Day <input type="date" name="day" value="{{day}}"></label>
        <button type="submit" class="secondary">Show</button>
        </form>
        <table class="runs">
        <thead><tr><th>Run</th><th>Job</th><th>State</th><th>Started</th><th>Ended</th><th>Examined</th><th>Changed</th><th>Messages</th><th></th></tr></thead>
        <tbody>
        {{#runs}}
        <tr data-run="{{id}}"><td>{{id}}</td><td>{{job}}</td><td>{{state}}</td><td>{{started}}</td><td>{{ended}}</td>
        <td>{{examined}}</td><td>{{changed}}</td><td>{{#messages}}{{.}}<br>{{/messages}}</td>
        <td>{{#can.scheduler}}{{#running}}<form method="post" action="/jobs/runs/{{id}}/stop"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">Stop</button></form>{{/running}}{{/can.scheduler}}</td></tr>
        {{/runs}}
        {{^runs}}<tr><td colspan="9">No run started on this day.</td></tr>{{/runs}}
        </tbody>
        </table>

        """
}
