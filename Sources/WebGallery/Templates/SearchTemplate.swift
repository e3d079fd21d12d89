extension Templates {
    /// `/packages`: the search form with its filters, the result count and one page of results.
    static let search = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap">
      <form class="search-form" role="search" action="/packages" method="get">
        <div class="search-row">
          <input id="search-q" type="search" name="q" value="{{q}}" placeholder="Search packages" aria-label="Search packages">
          <button type="submit" class="button button-primary">Search</button>
        </div>
        <div class="search-filters">
          <label class="field">Sort by
            <select name="sortby">
              {{#sortOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sortOptions}}
            </select>
          </label>
          <label class="field">Package type
            <select name="packagetype">
              {{#typeOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/typeOptions}}
            </select>
          </label>
          <input type="hidden" name="prerel" value="false">
          <label class="check"><input type="checkbox" name="prerel" value="true"{{#prerelease}} checked{{/prerelease}}> Include prerelease</label>
          <button type="submit" class="button">Apply</button>
        </div>
      </form>
      <h1 class="results-heading">{{heading}}</h1>
      {{#unknownType}}<p class="notice notice-info">Filtering on an unrecognized package type.</p>{{/unknownType}}
      {{#error}}<p class="notice notice-warning" role="alert">{{error}}</p>{{/error}}
      {{#hasResults}}
      <ul class="package-list">
        {{#results}}{{>packageItem}}{{/results}}
      </ul>
      {{>pager}}
      {{/hasResults}}
      {{^hasResults}}
      <div class="empty">
        <p>No packages match your search.</p>
        <p>Search terms are matched against ids, titles, tags, descriptions and authors. Narrow a search with
        <code>id:</code>, <code>packageid:</code>, <code>owner:</code>, <code>tags:</code>, <code>author:</code>, <code>title:</code>, <code>description:</code>
        or <code>summary:</code>, e.g. <code>owner:alice tags:json</code>.</p>
      </div>
      {{/hasResults}}
    </div>
    {{/main}}
    {{/layout}}
    """#
}
