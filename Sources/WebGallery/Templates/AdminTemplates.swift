extension Templates {
    /// `/admin`: one link per tool, and the package lock form.
    static let adminHome = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>Administration</h1>
      {{#message}}<p class="notice notice-info" role="status">{{message}}</p>{{/message}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <nav aria-label="Administration tools">
        <ul class="desk-tools">
          <li><a href="/admin/SupportRequests">Support requests</a> <span class="muted">({{openCount}} open)</span></li>
          <li><a href="/admin/Delete">Delete packages</a></li>
          <li><a href="/admin/Listing">Listing in bulk</a></li>
          <li><a href="/admin/Reservations">ID prefix reservations</a></li>
          <li><a href="/admin/Accounts">Accounts</a> (lock, site admins, delete)</li>
          <li><a href="/admin/Audit">Audit log</a></li>
        </ul>
      </nav>
      <section aria-labelledby="lock-heading">
        <h2 id="lock-heading">Lock a package</h2>
        <p>A locked package takes no new versions, listing changes or owner changes; its page says it is locked.</p>
        {{#hasLocked}}<p>Locked now: {{#locked}}<a href="/packages/{{.}}">{{.}}</a> {{/locked}}</p>{{/hasLocked}}
        <form class="desk-inline" method="post" action="/admin/LockPackage">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <label for="lock-id">Package ID</label> <input id="lock-id" name="PackageId" type="text" required>
          <button type="submit" class="button" name="Lock" value="true">Lock</button>
          <button type="submit" class="button" name="Lock" value="false">Unlock</button>
        </form>
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/admin/SupportRequests?filter=open|mine|resolved|all`.
    static let adminSupport = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>Support requests</h1>
      <p><a href="/admin">Administration</a></p>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <nav aria-label="Filters"><ul class="desk-filters">{{#filters}}<li><a href="?filter={{value}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/filters}}</ul></nav>
      {{^hasRequests}}<p>No requests here.</p>{{/hasRequests}}
      {{#requests}}
      <article class="key-item desk-request" aria-labelledby="request-{{key}}">
        <h2 id="request-{{key}}">#{{key}} {{kindLabel}}: <a href="{{packageURL}}">{{packageID}} {{version}}</a></h2>
        <dl class="key-facts">
          <dt>Status</dt><dd>{{status}}</dd>
          <dt>Received</dt><dd>{{created}}</dd>
          <dt>From</dt><dd>{{reporter}}</dd>
          <dt>Reason</dt><dd>{{reason}}</dd>
          {{#abuse}}<dt>Contacted owner</dt><dd>{{contactedOwner}}</dd>{{/abuse}}
          <dt>Owners</dt><dd>{{#owners}}<a href="/profiles/{{.}}">{{.}}</a> {{/owners}}{{^owners}}none{{/owners}}</dd>
          <dt>Assignee</dt><dd>{{assignee}}</dd>
          {{#resolution}}<dt>Resolution</dt><dd>{{resolution}}</dd>{{/resolution}}
        </dl>
        <pre class="desk-details">{{details}}</pre>
        {{#hasComments}}<h3>Comments</h3><ul>{{#comments}}<li><strong>{{author}}</strong> ({{time}}): {{text}}</li>{{/comments}}</ul>{{/hasComments}}
        <div class="desk-actions">
          <form method="post" action="/admin/SupportRequests/{{key}}/assign">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
            <label for="assignee-{{key}}">Assign to</label>
            <select id="assignee-{{key}}" name="Assignee"><option value="">nobody</option>{{#admins}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/admins}}</select>
            <button type="submit" class="button">Assign</button>
          </form>
          <form method="post" action="/admin/SupportRequests/{{key}}/comment">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
            <label for="comment-{{key}}">Comment</label>
            <input id="comment-{{key}}" name="Comment" type="text" required maxlength="4000">
            <button type="submit" class="button">Add comment</button>
          </form>
          {{#open}}
          <form method="post" action="/admin/SupportRequests/{{key}}/resolve">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
            <label for="resolution-{{key}}">Resolution</label>
            <input id="resolution-{{key}}" name="Resolution" type="text" required maxlength="4000">
            <button type="submit" class="button button-primary">Resolve</button>
          </form>
          <p><a href="/admin/Delete?q={{packageID}}">Delete versions of {{packageID}}</a></p>
          {{/open}}
          {{^open}}
          <form method="post" action="/admin/SupportRequests/{{key}}/reopen">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
            <button type="submit" class="button">Reopen</button>
          </form>
          {{/open}}
        </div>
      </article>
      {{/requests}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/admin/Delete?q=ID`: "Package ID", one checkbox per version labelled with it, "Reason", "Signature", "Delete".
    static let adminDelete = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>Delete packages</h1>
      <p><a href="/admin">Administration</a></p>
      <p>Deleting is for policy violations only: the version disappears from every feed, its number can never be used
        again, a PackageDelete catalog entry is written and every owner is mailed with the reason.</p>
      {{#message}}<p class="notice notice-info" role="status">{{message}}</p>{{/message}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="desk-inline" method="get" action="/admin/Delete" role="search">
        <label for="delete-id">Package ID</label> <input id="delete-id" name="q" type="search" required value="{{query}}">
        <button type="submit" class="button">Find</button>
      </form>
      {{#hasVersions}}
      <form class="account-form" method="post" action="/admin/Delete">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <input type="hidden" name="PackageId" value="{{packageID}}">
        <fieldset class="field-group">
          <legend>Versions of {{packageID}}</legend>
          <ul class="desk-versions">{{#versions}}<li class="form-check"><input id="v-{{domID}}" type="checkbox" name="Versions" value="{{version}}"><label for="v-{{domID}}">{{version}}</label> <span class="muted">{{facts}}</span></li>{{/versions}}</ul>
        </fieldset>
        <p class="form-field"><label for="delete-reason">Reason</label>
          <select id="delete-reason" name="Reason" required><option value="">Choose a reason</option>{{#reasons}}<option value="{{.}}">{{.}}</option>{{/reasons}}</select></p>
        <p class="form-field"><label for="signature">Signature</label>
          <input id="signature" name="Signature" type="text" required maxlength="1000" aria-describedby="signature-help">
          <span id="signature-help" class="help">Your name, recorded with the deletion and sent to the owners.</span></p>
        <p><button type="submit" class="button button-danger">Delete</button></p>
      </form>
      {{/hasVersions}}
      {{#noVersions}}<p>No available versions of {{query}}.</p>{{/noVersions}}
    </div>
    {{/main}}
    {{/layout}}
    """#
}
