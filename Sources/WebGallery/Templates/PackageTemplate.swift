extension Templates {
    /// `/packages/{id}/{version}`: header, alert stack, install tabs, body tabs, sidebar (gallery.md §1.3).
    /// Without script every panel shows, one after another, each under its heading; `site.js` turns the
    /// tab lists into ARIA tabs.
    static let package = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap package-page">
      <div class="package-header">
        <img class="package-icon package-icon-large" src="{{iconURL}}" alt="" width="64" height="64">
        <div>
          <h1 class="package-title"><span class="package-id">{{id}}</span> <span class="package-version">{{version}}</span></h1>
          {{#title}}<p class="package-subtitle">{{title}}</p>{{/title}}
          <p class="package-badges">
            {{#verified}}<span class="chip chip-success" title="The ID prefix is reserved by its owner">Prefix reserved</span>{{/verified}}
            {{#prerelease}}<span class="chip">Prerelease</span>{{/prerelease}}
            {{#frameworkBadges}}<a class="chip chip-framework" href="#frameworks">{{.}}</a>{{/frameworkBadges}}
          </p>
        </div>
      </div>
      {{#hasAlerts}}
      <div class="alerts">
        {{#alerts}}
        <div class="notice notice-{{tone}}"{{#important}} role="alert"{{/important}}>
          <p class="notice-title">{{heading}}</p>
          {{#lines}}<p>{{.}}</p>{{/lines}}
          {{#links}}<p><a href="{{url}}">{{text}}</a></p>{{/links}}
        </div>
        {{/alerts}}
      </div>
      {{/hasAlerts}}
      <div class="package-layout">
        <div class="package-main">
          <section class="install" aria-labelledby="install-heading">
            <h2 id="install-heading" class="visually-hidden">Install</h2>
            <div class="tabs" data-tabs>
              <div class="tab-list" role="tablist" aria-label="Install with">
                {{#installTabs}}<a class="tab" href="#{{panelID}}" id="{{tabID}}" data-tab="{{panelID}}"{{#selected}} aria-selected="true"{{/selected}}>{{label}}</a>{{/installTabs}}
              </div>
              {{#installTabs}}
              <div class="tab-panel install-panel" id="{{panelID}}" aria-labelledby="{{tabID}}">
                <h3 class="panel-heading">{{label}}</h3>
                {{#snippets}}
                {{#fileLabel}}<p class="snippet-label">{{fileLabel}}</p>{{/fileLabel}}
                <div class="snippet-row">
                  <pre class="snippet"><code id="{{domID}}">{{code}}</code></pre>
                  <button type="button" class="button copy-button" data-copy="{{domID}}" hidden>Copy</button>
                </div>
                {{/snippets}}
                {{#note}}<p class="snippet-note">{{note}}</p>{{/note}}
              </div>
              {{/installTabs}}
            </div>
          </section>
          <div class="tabs body-tabs" data-tabs>
            <div class="tab-list" role="tablist" aria-label="Package details">
              <a class="tab" href="#readme" id="tab-readme" data-tab="readme" aria-selected="true">README</a>
              <a class="tab" href="#frameworks" id="tab-frameworks" data-tab="frameworks">Frameworks</a>
              <a class="tab" href="#dependencies" id="tab-dependencies" data-tab="dependencies">Dependencies</a>
              <a class="tab" href="#versions" id="tab-versions" data-tab="versions">Versions</a>
              <a class="tab" href="#release-notes" id="tab-release-notes" data-tab="release-notes">Release notes</a>
            </div>
            <section class="tab-panel" id="readme" aria-labelledby="tab-readme">
              <h2 class="panel-heading">README</h2>
              {{#readmeHTML}}<div class="markdown">{{{readmeHTML}}}</div>{{/readmeHTML}}
              {{^readmeHTML}}<p class="description-text">{{description}}</p>{{/readmeHTML}}
            </section>
            <section class="tab-panel" id="frameworks" aria-labelledby="tab-frameworks">
              <h2 class="panel-heading">Frameworks</h2>
              {{#hasFrameworks}}
              <p>Target frameworks this package includes assets for:</p>
              <ul class="framework-list">{{#frameworks}}<li><span class="chip chip-framework">{{display}}</span> <code>{{folder}}</code></li>{{/frameworks}}</ul>
              {{/hasFrameworks}}
              {{^hasFrameworks}}<p>This package has no framework-specific assets.</p>{{/hasFrameworks}}
            </section>
            <section class="tab-panel" id="dependencies" aria-labelledby="tab-dependencies">
              <h2 class="panel-heading">Dependencies</h2>
              {{#hasDependencyGroups}}
              {{#dependencyGroups}}
              <h3 class="dependency-group">{{framework}}</h3>
              {{#hasDependencies}}
              <ul class="dependency-list">{{#dependencies}}<li><a href="{{url}}">{{id}}</a> <span class="range">{{range}}</span></li>{{/dependencies}}</ul>
              {{/hasDependencies}}
              {{^hasDependencies}}<p class="muted">No dependencies.</p>{{/hasDependencies}}
              {{/dependencyGroups}}
              {{/hasDependencyGroups}}
              {{^hasDependencyGroups}}<p>This package has no dependencies.</p>{{/hasDependencyGroups}}
            </section>
            <section class="tab-panel" id="versions" aria-labelledby="tab-versions">
              <h2 class="panel-heading">Versions</h2>
              <div class="table-scroll">
              <table class="versions-table">
                <caption class="visually-hidden">Versions of {{id}}</caption>
                <thead><tr><th scope="col">Version</th><th scope="col" class="number">Downloads</th><th scope="col">Last updated</th></tr></thead>
                <tbody>
                {{#versions}}
                <tr{{#current}} class="current" aria-current="true"{{/current}}>
                  <td><a href="{{url}}">{{version}}</a>{{#unlisted}} <span class="chip">unlisted</span>{{/unlisted}}{{#deprecated}} <span class="chip chip-warning">deprecated</span>{{/deprecated}}</td>
                  <td class="number">{{downloads}}</td>
                  <td><time datetime="{{updatedISO}}">{{updated}}</time></td>
                </tr>
                {{/versions}}
                </tbody>
              </table>
              </div>
            </section>
            <section class="tab-panel" id="release-notes" aria-labelledby="tab-release-notes">
              <h2 class="panel-heading">Release notes</h2>
              {{#releaseNotes}}<pre class="release-notes">{{releaseNotes}}</pre>{{/releaseNotes}}
              {{^releaseNotes}}<p>This version has no release notes.</p>{{/releaseNotes}}
            </section>
          </div>
        </div>
        <aside class="package-sidebar" aria-label="About this package">
          <section class="sidebar-block" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">Downloads</h2>
            <ul class="download-stats">
              <li><span class="total-value">{{totalDownloads}}</span> <span class="total-label">Total</span></li>
              <li><span class="total-value">{{versionDownloads}}</span> <span class="total-label">Current version</span></li>
              <li><span class="total-value">{{perDayAverage}}</span> <span class="total-label">Per day average</span></li>
            </ul>
            <figure class="chart-figure">
              {{{chart.svg}}}
              <figcaption><span>{{chart.firstDate}}</span><span>Last 90 days</span><span>{{chart.lastDate}}</span></figcaption>
            </figure>
            {{#chart.isEmpty}}<p class="chart-empty">No downloads in the last 90 days.</p>{{/chart.isEmpty}}
            <details class="chart-data">
              <summary>Daily downloads table</summary>
              <table>
                <caption class="visually-hidden">Downloads per day, last 90 days</caption>
                <thead><tr><th scope="col">Day</th><th scope="col" class="number">Downloads</th></tr></thead>
                <tbody>{{#chart.rows}}<tr><td>{{date}}</td><td class="number">{{downloads}}</td></tr>{{/chart.rows}}</tbody>
              </table>
            </details>
          </section>
          <section class="sidebar-block" aria-labelledby="about-heading">
            <h2 id="about-heading">About</h2>
            <ul class="about-list">
              <li>Last updated <time datetime="{{updatedISO}}">{{updated}}</time></li>
              {{#projectURL}}<li><a href="{{projectURL}}" rel="nofollow noopener">Project website</a></li>{{/projectURL}}
              {{#repositoryURL}}<li><a href="{{repositoryURL}}" rel="nofollow noopener">Source repository</a></li>{{/repositoryURL}}
              {{#license}}
              <li>License:
                {{#parts}}{{#url}}<a href="{{url}}" rel="nofollow noopener">{{text}}</a>{{/url}}{{^url}}<span>{{text}}</span>{{/url}}{{/parts}}
              </li>
              {{/license}}
              <li><a href="{{licenseInfoURL}}">License Info</a></li>
              <li><a href="{{downloadURL}}" download>Download package</a> <span class="muted">({{packageSize}})</span></li>
              <li><a href="{{feedURL}}">Atom feed of versions</a></li>
              {{^isOwner}}<li><a href="{{reportURL}}">Report package</a></li>{{/isOwner}}
              {{#isOwner}}<li><a href="{{supportURL}}">Contact support</a></li>{{/isOwner}}
            </ul>
          </section>
          {{#manageURL}}
          <section class="sidebar-block" aria-labelledby="manage-heading">
            <h2 id="manage-heading">Manage</h2>
            <p><a class="button" href="{{manageURL}}">Manage package</a></p>
          </section>
          {{/manageURL}}
          <section class="sidebar-block" aria-labelledby="owners-heading">
            <h2 id="owners-heading">Owners</h2>
            {{#hasOwners}}<ul class="owner-list">{{#owners}}<li><a href="{{url}}"><span class="avatar" aria-hidden="true">{{initial}}</span>{{name}}</a></li>{{/owners}}</ul>{{/hasOwners}}
            {{^hasOwners}}<p class="muted">This package has no owners.</p>{{/hasOwners}}
            <p><a href="{{contactURL}}">Contact owners</a></p>
            {{#authors}}<p class="muted">Authors: {{authors}}</p>{{/authors}}
          </section>
          {{#hasTags}}
          <section class="sidebar-block" aria-labelledby="tags-heading">
            <h2 id="tags-heading">Tags</h2>
            <ul class="tags">{{#tags}}<li><a href="{{url}}">{{name}}</a></li>{{/tags}}</ul>
          </section>
          {{/hasTags}}
          {{#copyright}}<p class="copyright">{{copyright}}</p>{{/copyright}}
        </aside>
      </div>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
