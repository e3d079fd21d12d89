extension Templates {
    /// `/admin/Accounts?q=`: look up by name or email; lock, site admin, delete.
    static let adminAccounts = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>Accounts</h1>
      <p><a href="/admin">Administration</a></p>
      {{#message}}<p class="notice notice-info" role="status">{{message}}</p>{{/message}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="desk-inline" method="get" action="/admin/Accounts" role="search">
        <label for="account-q">Name or email</label> <input id="account-q" name="q" type="search" required value="{{query}}">
        <button type="submit" class="button">Look up</button>
      </form>
      {{#searched}}{{^hasAccounts}}<p>No account matches.</p>{{/hasAccounts}}{{/searched}}
      {{#accounts}}
      <article class="key-item" aria-labelledby="account-{{key}}">
        <h2 id="account-{{key}}"><a href="/profiles/{{name}}">{{name}}</a> <span class="muted">({{kind}})</span></h2>
        <dl class="key-facts">
          <dt>Email</dt><dd>{{email}}</dd>
          <dt>Confirmed</dt><dd>{{confirmed}}</dd>
          <dt>Locked</dt><dd>{{locked}}</dd>
          <dt>Site admin</dt><dd>{{admin}}</dd>
          <dt>Organizations</dt><dd>{{organizations}}</dd>
          <dt>Packages</dt><dd>{{#packages}}<a href="/packages/{{.}}">{{.}}</a> {{/packages}}{{^packages}}none{{/packages}}</dd>
          <dt>API keys</dt><dd>{{#keys}}<span class="desk-key">{{.}}</span> {{/keys}}{{^keys}}none{{/keys}}</dd>
        </dl>
        <div class="desk-actions">
          <form method="post" action="/admin/Accounts/lock">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Name" value="{{name}}">
            <input type="hidden" name="Lock" value="{{lockValue}}"><button type="submit" class="button">{{lockLabel}}</button>
          </form>
          {{^organization}}
          <form method="post" action="/admin/Accounts/siteadmin">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Name" value="{{name}}">
            <input type="hidden" name="Grant" value="{{grantValue}}"><button type="submit" class="button">{{grantLabel}}</button>
          </form>
          {{/organization}}
          <form method="post" action="/admin/Accounts/delete">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Name" value="{{name}}">
            <fieldset class="field-group">
              <legend>Delete {{name}}</legend>
              <p class="form-check"><input id="confirm-{{key}}" type="checkbox" name="Confirm-{{key}}" value="{{name}}" required>
                <label for="confirm-{{key}}">I understand: keys revoked, ownerships and memberships removed, the name reserved forever</label></p>
              <button type="submit" class="button button-danger">Delete account {{name}}</button>
            </fieldset>
          </form>
        </div>
      </article>
      {{/accounts}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/admin/Reservations`: reserve (owners, open flag), add/remove owners, release, covered ids.
    static let adminReservations = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>ID prefix reservations</h1>
      <p><a href="/admin">Administration</a></p>
      {{#message}}<p class="notice notice-info" role="status">{{message}}</p>{{/message}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <section aria-labelledby="reserve-heading">
        <h2 id="reserve-heading">Reserve</h2>
        <form class="account-form" method="post" action="/admin/Reservations">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <p class="form-field"><label for="pattern">Prefix</label>
            <input id="pattern" name="Pattern" type="text" required aria-describedby="pattern-help">
            <span id="pattern-help" class="help">An id (<code>Contoso.Tools</code>) or a prefix ending in <code>*</code> (<code>Contoso.*</code>).</span></p>
          <p class="form-field"><label for="owners">Owners</label>
            <input id="owners" name="Owners" type="text" required aria-describedby="owners-help">
            <span id="owners-help" class="help">Account names, separated by commas.</span></p>
          <p class="form-check"><input id="open" name="Open" type="checkbox"><label for="open">Open (anyone may push; only owners get the verified mark)</label></p>
          <p><button type="submit" class="button button-primary">Reserve</button></p>
        </form>
      </section>
      <h2>Reservations</h2>
      {{^hasReservations}}<p>No reservations.</p>{{/hasReservations}}
      {{#reservations}}
      <article class="key-item" aria-labelledby="res-{{domID}}">
        <h3 id="res-{{domID}}">{{pattern}} {{#isOpen}}<span class="muted">(open)</span>{{/isOpen}}</h3>
        <dl class="key-facts">
          <dt>Owners</dt><dd>{{owners}}</dd>
          <dt>Covered ids</dt><dd>{{#covered}}<a href="/packages/{{id}}">{{id}}</a>{{#verified}} ✓<span class="visually-hidden"> verified</span>{{/verified}} {{/covered}}{{^covered}}none{{/covered}}</dd>
        </dl>
        <div class="desk-actions">
          <form method="post" action="/admin/Reservations/owner">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Pattern" value="{{pattern}}">
            <label for="owner-{{domID}}">Owner</label> <input id="owner-{{domID}}" name="Owner" type="text" required>
            <button type="submit" class="button" name="Action" value="add">Add owner</button>
            <button type="submit" class="button" name="Action" value="remove">Remove owner</button>
          </form>
          <form method="post" action="/admin/Reservations/release">
            <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Pattern" value="{{pattern}}">
            <button type="submit" class="button button-danger">Release {{pattern}}</button>
          </form>
        </div>
      </article>
      {{/reservations}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/admin/Listing?q=ID`: unlist or relist many versions at once.
    static let adminListing = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>Listing in bulk</h1>
      <p><a href="/admin">Administration</a></p>
      {{#message}}<p class="notice notice-info" role="status">{{message}}</p>{{/message}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="desk-inline" method="get" action="/admin/Listing" role="search">
        <label for="listing-id">Package ID</label> <input id="listing-id" name="q" type="search" required value="{{query}}">
        <button type="submit" class="button">Find</button>
      </form>
      {{#hasVersions}}
      <form class="account-form" method="post" action="/admin/Listing">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <input type="hidden" name="PackageId" value="{{packageID}}">
        <fieldset class="field-group">
          <legend>Versions of {{packageID}}</legend>
          <ul class="desk-versions">{{#versions}}<li class="form-check"><input id="l-{{domID}}" type="checkbox" name="Versions" value="{{version}}"><label for="l-{{domID}}">{{version}}</label> <span class="muted">{{facts}}</span></li>{{/versions}}</ul>
        </fieldset>
        <p><button type="submit" class="button" name="Listed" value="false">Unlist</button>
           <button type="submit" class="button" name="Listed" value="true">Relist</button></p>
      </form>
      {{/hasVersions}}
      {{#noVersions}}<p>No available versions of {{query}}.</p>{{/noVersions}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/admin/Audit?actor=&action=&target=`: the audit log, newest first; `format=csv` exports it.
    static let adminAudit = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap desk-page">
      <h1>Audit log</h1>
      <p><a href="/admin">Administration</a></p>
      <form class="desk-inline" method="get" action="/admin/Audit">
        <label for="audit-actor">Actor</label> <input id="audit-actor" name="actor" type="text" value="{{actor}}">
        <label for="audit-action">Action</label> <input id="audit-action" name="action" type="text" value="{{action}}">
        <label for="audit-target">Target</label> <input id="audit-target" name="target" type="text" value="{{target}}">
        <button type="submit" class="button">Filter</button>
      </form>
      <p><a href="{{csvURL}}">Export as CSV</a> · {{count}} events{{#truncated}} (newest 500 shown){{/truncated}}</p>
      <div class="table-scroll">
        <table class="stats-table">
          <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Details</th></tr></thead>
          <tbody>{{#events}}<tr><td class="date">{{time}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{target}}</td><td>{{details}}</td></tr>{{/events}}</tbody>
        </table>
      </div>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
