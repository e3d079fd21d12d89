extension Templates {
    /// The shell of every page: skip link, header with navigation and search, main landmark, footer.
    /// Pages fill the blocks `title`, `head` and `main` (swift-mustache template inheritance).
    static let layout = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>{{$title}}{{layout.title}}{{/title}} · {{layout.siteName}}</title>
    {{#layout.noIndex}}<meta name="robots" content="noindex">{{/layout.noIndex}}
    {{#layout.description}}<meta name="description" content="{{layout.description}}">{{/layout.description}}
    <link rel="stylesheet" href="{{layout.styleURL}}">
    <link rel="icon" href="{{layout.iconURL}}" type="image/svg+xml">
    {{#layout.feedURL}}<link rel="alternate" type="application/atom+xml" title="{{layout.feedTitle}}" href="{{layout.feedURL}}">{{/layout.feedURL}}
    <script src="{{layout.scriptURL}}" defer></script>
    </head>
    <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="site-header">
      <div class="wrap header-inner">
        <a class="brand" href="/"><svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect x="3" y="5" width="26" height="6" rx="1.5"/><rect x="3" y="13" width="26" height="6" rx="1.5"/><rect x="5" y="21" width="4" height="6"/><rect x="14" y="21" width="4" height="6"/><rect x="23" y="21" width="4" height="6"/></svg><span>{{layout.siteName}}</span></a>
        <nav class="site-nav" aria-label="Main">
          <ul>
            <li><a href="/packages"{{#layout.navPackages}} aria-current="page"{{/layout.navPackages}}>Packages</a></li>
            <li><a href="/stats"{{#layout.navStats}} aria-current="page"{{/layout.navStats}}>Statistics</a></li>
            <li><a href="/v3/index.json">Feed</a></li>
          </ul>
        </nav>
        {{#layout.headerSearch}}
        <form class="header-search" role="search" action="/packages" method="get">
          <input type="search" name="q" aria-label="Search packages" placeholder="Search packages" value="{{layout.query}}">
          <button type="submit" class="icon-button" aria-label="Search"><svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><circle cx="8.5" cy="8.5" r="5.5"/><line x1="13" y1="13" x2="18" y2="18"/></svg></button>
        </form>
        {{/layout.headerSearch}}
        {{#layout.account}}
        <details class="account-menu">
          <summary>{{name}}</summary>
          <ul>
            <li><a href="/account/apikeys">API Keys</a></li>
            <li><a href="/account/Packages">Manage Packages</a></li>
            <li><a href="/account/Organizations">Manage Organizations</a></li>
            <li><a href="/account">Account Settings</a></li>
            {{#isSiteAdmin}}<li><a href="/admin">Administration</a></li>{{/isSiteAdmin}}
            <li><form method="post" action="/users/account/LogOff"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><button type="submit" class="link-button">Sign out</button></form></li>
          </ul>
        </details>
        {{/layout.account}}
        {{^layout.account}}<a class="sign-in" href="{{layout.signInURL}}">Sign in</a>{{/layout.account}}
      </div>
    </header>
    <main id="main" tabindex="-1">
    {{$main}}{{/main}}
    </main>
    <footer class="site-footer">
      <div class="wrap footer-inner">
        <p>{{layout.siteName}} is a NuGet server. Add <code>{{layout.feedAddress}}</code> as a package source.</p>
        <ul class="footer-links">
          <li><a href="/packages">Packages</a></li>
          <li><a href="/stats">Statistics</a></li>
          <li><a href="/v3/index.json">V3 feed</a></li>
          <li><a href="/api/v2/">V2 feed</a></li>
        </ul>
      </div>
    </footer>
    </body>
    </html>
    """#
}

/// The page templates, as Swift strings so the binary is self-contained (no resource bundle to ship).
/// Mustache escapes every `{{value}}` for HTML text and attributes; `{{{value}}}` (unescaped) is used only
/// for HTML Pallet generated itself: the README renderer's output and the chart's SVG.
enum Templates {}
