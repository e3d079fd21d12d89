extension Templates {
    /// `/account/Packages` (gallery.md §1.10): "Published Packages" (with their unlisted versions counted),
    /// "Unlisted Packages" (every version unlisted) per owning account, and "Reserved Namespaces".
    /// A GET form filters by id and owning account; each table shows one page of rows (the same page of every
    /// table, Previous/Next below). The rows come pre-rendered (`ManagedPackageRowModel.html`).
    static let accountPackages = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page">
      <h1>Manage Packages</h1>
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <p><a class="button" href="/packages/manage/upload">Upload a package</a></p>
      <form class="search-filters package-filter" role="search" method="get" action="/account/Packages">
        <p class="form-field"><label for="filter-q">Filter by ID</label>
          <input id="filter-q" name="q" type="search" value="{{q}}" maxlength="100"></p>
        <p class="form-field"><label for="filter-owner">Package owner</label>
          <select id="filter-owner" name="owner"><option value=""{{#allOwners}} selected{{/allOwners}}>All owners</option>{{#ownerChoices}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/ownerChoices}}</select></p>
        <p><button type="submit" class="button">Filter</button></p>
      </form>
      {{#pageNote}}<p class="notice notice-info" role="status">{{pageNote}}</p>{{/pageNote}}
      {{#groups}}
      <section class="account-section" aria-labelledby="{{headingID}}">
        <h2 id="{{headingID}}">{{name}}{{#role}} <span class="chip">{{role}}</span>{{/role}}</h2>
        <h3>Published Packages</h3>
        {{^hasPackages}}<p class="empty">{{packagesSummary}}</p>{{/hasPackages}}
        {{#hasPackages}}
        <p class="muted">{{packagesSummary}}</p>
        <div class="table-scroll"><table class="manage-table">
          <caption class="visually-hidden">Published packages of {{name}}</caption>
          <thead><tr><th scope="col">Package ID</th><th scope="col">Latest version</th><th scope="col" class="number">Downloads</th><th scope="col" class="number">Listed</th><th scope="col" class="number">Unlisted</th><th scope="col">Actions</th></tr></thead>
          <tbody>{{{packagesHTML}}}</tbody>
        </table></div>
        {{/hasPackages}}
        <h3>Unlisted Packages</h3>
        {{^hasUnlistedOnly}}<p class="empty">{{unlistedSummary}}</p>{{/hasUnlistedOnly}}
        {{#hasUnlistedOnly}}
        <p class="muted">{{unlistedSummary}}</p>
        <div class="table-scroll"><table class="manage-table">
          <caption class="visually-hidden">Unlisted packages of {{name}}</caption>
          <thead><tr><th scope="col">Package ID</th><th scope="col">Latest version</th><th scope="col" class="number">Downloads</th><th scope="col" class="number">Unlisted</th><th scope="col">Actions</th></tr></thead>
          <tbody>{{{unlistedOnlyHTML}}}</tbody>
        </table></div>
        {{/hasUnlistedOnly}}
      </section>
      {{/groups}}
      {{>pager}}
      <section class="account-section" aria-labelledby="received-heading">
        <h2 id="received-heading">Ownership Requests (Received)</h2>
        {{^hasReceived}}<p class="empty">No pending requests.</p>{{/hasReceived}}
        {{#hasReceived}}
        <ul class="manage-owners">
          {{#received}}
          <li><span><a href="{{url}}">{{id}}</a>: {{requester}} asks {{account}} to become an owner.{{#message}} <q>{{message}}</q>{{/message}}</span>
            <form method="post" action="/account/Packages" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="accept"><input type="hidden" name="PackageId" value="{{id}}"><input type="hidden" name="Account" value="{{account}}"><button type="submit" class="button button-primary" aria-label="Accept ownership of {{id}}">Accept</button></form>
            <form method="post" action="/account/Packages" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="decline"><input type="hidden" name="PackageId" value="{{id}}"><input type="hidden" name="Account" value="{{account}}"><button type="submit" class="button" aria-label="Decline ownership of {{id}}">Decline</button></form>
          </li>
          {{/received}}
        </ul>
        {{/hasReceived}}
      </section>
      <section class="account-section" aria-labelledby="sent-heading">
        <h2 id="sent-heading">Ownership Requests (Sent)</h2>
        {{^hasSent}}<p class="empty">No pending requests.</p>{{/hasSent}}
        {{#hasSent}}
        <ul class="manage-owners">
          {{#sent}}
          <li><span><a href="{{url}}">{{id}}</a>: asked {{account}} to become an owner.</span>
            <form method="post" action="/account/Packages" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="cancel"><input type="hidden" name="PackageId" value="{{id}}"><input type="hidden" name="Account" value="{{account}}"><button type="submit" class="button" aria-label="Cancel the request to {{account}} for {{id}}">Cancel</button></form>
          </li>
          {{/sent}}
        </ul>
        {{/hasSent}}
      </section>
      <section class="account-section" aria-labelledby="reserved-heading">
        <h2 id="reserved-heading">Reserved Namespaces</h2>
        {{^hasReservations}}<p class="empty">No ID prefix is reserved for you or your organizations. A site administrator reserves prefixes.</p>{{/hasReservations}}
        {{#hasReservations}}
        <ul class="reservation-list">{{#reservations}}<li><code>{{pattern}}</code> <span class="muted">owned by {{owners}}{{#isOpen}}; others may push under it{{/isOpen}}</span></li>{{/reservations}}</ul>
        {{/hasReservations}}
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
