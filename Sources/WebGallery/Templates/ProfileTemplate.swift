extension Templates {
    /// `/profiles/{name}`: an account's or organization's listed packages, counts, members.
    static let profile = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap profile-page">
      <div class="profile-header">
        <span class="avatar avatar-large" aria-hidden="true">{{initial}}</span>
        <div>
          <h1>{{name}}</h1>
          <p class="muted">{{kind}}</p>
        </div>
        <ul class="totals totals-compact">
          <li><span class="total-value">{{packageCount}}</span> <span class="total-label">packages</span></li>
          <li><span class="total-value">{{totalDownloads}}</span> <span class="total-label">total downloads</span></li>
        </ul>
      </div>
      {{#isOrganization}}
      <section aria-labelledby="members-heading" class="members">
        <h2 id="members-heading">Members</h2>
        {{#hasMembers}}<ul class="owner-list owner-list-inline">{{#members}}<li><a href="{{url}}"><span class="avatar" aria-hidden="true">{{initial}}</span>{{name}}</a> <span class="muted">{{role}}</span></li>{{/members}}</ul>{{/hasMembers}}
        {{^hasMembers}}<p class="muted">This organization has no members.</p>{{/hasMembers}}
      </section>
      {{/isOrganization}}
      <section aria-labelledby="packages-heading">
        <h2 id="packages-heading">Packages</h2>
        {{#hasResults}}
        <ul class="package-list">{{#results}}{{>packageItem}}{{/results}}</ul>
        {{>pager}}
        {{/hasResults}}
        {{^hasResults}}<p class="empty">{{name}} has no listed packages.</p>{{/hasResults}}
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/stats`: totals, top packages, top versions, recent pushes.
    static let stats = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap stats-page">
      <h1>Statistics</h1>
      <p class="muted">Live figures from this server, updated as packages are pushed and downloaded.</p>
      <ul class="totals">
        <li><span class="total-value">{{downloads}}</span> <span class="total-label">package downloads</span></li>
        <li><span class="total-value">{{versions}}</span> <span class="total-label">package versions</span></li>
        <li><span class="total-value">{{packages}}</span> <span class="total-label">unique packages</span></li>
      </ul>
      <div class="stats-grid">
        <section aria-labelledby="top-packages">
          <h2 id="top-packages">Top packages</h2>
          <table class="stats-table">
            <thead><tr><th scope="col">Package</th><th scope="col" class="number">Downloads</th></tr></thead>
            <tbody>{{#topPackages}}<tr><td><a href="{{url}}">{{id}}</a></td><td class="number">{{downloads}}</td></tr>{{/topPackages}}</tbody>
          </table>
        </section>
        <section aria-labelledby="top-versions">
          <h2 id="top-versions">Top versions</h2>
          <table class="stats-table">
            <thead><tr><th scope="col">Version</th><th scope="col" class="number">Downloads</th></tr></thead>
            <tbody>{{#topVersions}}<tr><td><a href="{{url}}">{{id}} {{version}}</a></td><td class="number">{{downloads}}</td></tr>{{/topVersions}}</tbody>
          </table>
        </section>
        <section aria-labelledby="recent-pushes">
          <h2 id="recent-pushes">Recent pushes</h2>
          <table class="stats-table">
            <thead><tr><th scope="col">Version</th><th scope="col">Pushed</th></tr></thead>
            <tbody>{{#recentPushes}}<tr><td><a href="{{url}}">{{id}} {{version}}</a></td><td class="date"><time datetime="{{updatedISO}}">{{updated}}</time></td></tr>{{/recentPushes}}</tbody>
          </table>
        </section>
      </div>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// 404, 500 and other error pages.
    static let error = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap error-page">
      <p class="error-code" aria-hidden="true">{{code}}</p>
      <h1>{{heading}}</h1>
      <p>{{message}}</p>
      <form class="hero-search" role="search" action="/packages" method="get">
        <input id="error-q" type="search" name="q" placeholder="Search packages" aria-label="Search packages" value="{{query}}">
        <button type="submit" class="button button-primary">Search</button>
      </form>
      <p><a href="/">Go to the home page</a></p>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/packages/{id}/{version}/license`: the embedded license file, or the expression / URL.
    static let license = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap license-page">
      <p><a href="{{packageURL}}">← {{id}} {{version}}</a></p>
      <h1>License of {{id}} {{version}}</h1>
      {{#expressionParts}}{{#url}}<a href="{{url}}" rel="nofollow noopener">{{text}}</a>{{/url}}{{^url}}<span>{{text}}</span>{{/url}}{{/expressionParts}}
      {{#licenseURL}}<p>The package points to its license at <a href="{{licenseURL}}" rel="nofollow noopener">{{licenseURL}}</a>.</p>{{/licenseURL}}
      {{#fileText}}<pre class="license-text">{{fileText}}</pre>{{/fileText}}
      {{#none}}<p>This package does not state a license. Contact its owners before using it.</p>{{/none}}
      {{#requireAcceptance}}<p class="notice notice-info">This package requires accepting its license before installing.</p>{{/requireAcceptance}}
    </div>
    {{/main}}
    {{/layout}}
    """#
}
