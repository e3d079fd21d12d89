extension Templates {
    /// `/`: search, totals, recently updated packages.
    static let home = #"""
    {{<layout}}
    {{$main}}
    <section class="hero">
      <div class="wrap">
        <h1>{{layout.siteName}}: your team's package feed</h1>
        <p class="hero-lead">Find, inspect and install the NuGet packages published here.</p>
        <form class="hero-search" role="search" action="/packages" method="get">
          <input id="home-q" type="search" name="q" placeholder="Search packages" aria-label="Search packages">
          <button type="submit" class="button button-primary">Search</button>
        </form>
        <ul class="totals">
          <li><span class="total-value">{{downloads}}</span> <span class="total-label">package downloads</span></li>
          <li><span class="total-value">{{versions}}</span> <span class="total-label">package versions</span></li>
          <li><span class="total-value">{{packages}}</span> <span class="total-label">unique packages</span></li>
        </ul>
      </div>
    </section>
    <div class="wrap home-columns">
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recently updated</h2>
        {{#hasRecent}}
        <ul class="package-list">
          {{#recent}}{{>packageItem}}{{/recent}}
        </ul>
        <p><a href="/packages?sortby=created-desc">All recently updated packages →</a></p>
        {{/hasRecent}}
        {{^hasRecent}}<p class="empty">No package has been pushed yet. Push one with <code>dotnet nuget push</code>.</p>{{/hasRecent}}
      </section>
      <aside class="home-aside" aria-labelledby="start-heading">
        <h2 id="start-heading">Use this feed</h2>
        <p>Add the feed to your NuGet sources:</p>
        <pre class="snippet"><code>dotnet nuget add source {{feedAddress}} --name {{layout.siteName}}</code></pre>
        <p>Then install a package:</p>
        <pre class="snippet"><code>dotnet add package Some.Package</code></pre>
        <p><a href="/stats">Top packages and statistics →</a></p>
      </aside>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
