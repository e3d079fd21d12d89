extension Templates {
    /// One package in a list (search results, profile): the same partial on both, as on nuget.org.
    static let packageItem = #"""
    <li class="package-item">
      <img class="package-icon" src="{{iconURL}}" alt="" width="48" height="48" loading="lazy">
      <div class="package-item-body">
        <div class="package-item-head">
          <a class="package-item-id" href="{{url}}">{{id}}</a>
          {{#verified}}<span class="verified" title="The ID prefix is reserved by its owner"><svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M8 1l1.8 1.3 2.2-.2.7 2.1 1.8 1.3-.7 2.1.7 2.1-1.8 1.3-.7 2.1-2.2-.2L8 15l-1.8-1.3-2.2.2-.7-2.1-1.8-1.3.7-2.1-.7-2.1 1.8-1.3.7-2.1 2.2.2z"/><path class="tick" d="M5.2 8.2l1.9 1.9 3.7-3.8"/></svg><span class="visually-hidden">Verified: prefix reserved</span></span>{{/verified}}
          {{#hasOwners}}<span class="package-item-owners">by {{#owners}}<a href="{{url}}">{{name}}</a> {{/owners}}</span>{{/hasOwners}}
          {{#deprecated}}<span class="chip chip-warning">Deprecated</span>{{/deprecated}}
          {{#vulnerable}}<span class="chip chip-danger">Vulnerable</span>{{/vulnerable}}
        </div>
        <ul class="package-facts">
          <li><svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M8 2v8M4.5 6.5L8 10l3.5-3.5M3 13h10"/></svg>{{totalDownloads}} total downloads</li>
          <li><svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6"/><path d="M8 4.5V8l2.5 1.5"/></svg>last updated <time datetime="{{updatedISO}}">{{updated}}</time></li>
          <li><svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M2 8.5V2.5h6l6 6-6 6z"/></svg>Latest version: {{latestVersion}}{{#prerelease}} (prerelease){{/prerelease}}</li>
        </ul>
        {{#hasTags}}<ul class="tags" aria-label="Tags">{{#tags}}<li><a href="{{url}}">{{name}}</a></li>{{/tags}}{{#moreTags}}<li class="more-tags">+{{moreTags}} more</li>{{/moreTags}}</ul>{{/hasTags}}
        <p class="package-item-description">{{description}}</p>
      </div>
    </li>
    """#

    /// Previous/Next links of a list.
    static let pager = #"""
    {{#pager}}
    <nav class="pager" aria-label="Pages">
      {{#previousURL}}<a class="button" rel="prev" href="{{previousURL}}">← Previous</a>{{/previousURL}}
      <span class="pager-position">Page {{page}} of {{pageCount}}</span>
      {{#nextURL}}<a class="button" rel="next" href="{{nextURL}}">Next →</a>{{/nextURL}}
    </nav>
    {{/pager}}
    """#
}
