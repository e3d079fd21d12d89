extension Assets {
    /// The one stylesheet: light by default, dark under `prefers-color-scheme: dark`, one column below 760px.
    /// Colours are custom properties so a deployment can restyle by editing the two palettes only
    /// (docs/WEB.md, "Changing the look"). Contrast of text on background is ≥ 4.5:1 in both palettes.
    static let css = #"""
    :root {
      --bg: #f6f7f9; --surface: #ffffff; --surface-2: #f0f2f5; --border: #d9dde3; --text: #1b1f24; --muted: #57606a;
      --accent: #0b63c5; --accent-strong: #084f9e; --accent-soft: #e6f0fb; --on-accent: #ffffff;
      --header-bg: #10243e; --header-text: #e8eef6; --header-muted: #a9b9cc;
      --success: #1a7f37; --success-soft: #e7f5ec; --warning: #8a5a00; --warning-soft: #fff6df; --warning-border: #e6c463;
      --danger: #b42318; --danger-soft: #fdeceb; --info-soft: #eaf2fc; --info-border: #a9c9ef;
      --chart: #2f7bd8; --chart-axis: #c3cad3; --code-bg: #f3f5f8;
      --radius: 10px; --shadow: 0 1px 2px rgba(16, 36, 62, .06), 0 2px 8px rgba(16, 36, 62, .05);
      --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
      --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0e1116; --surface: #161b22; --surface-2: #1d232c; --border: #30363d; --text: #e6edf3; --muted: #9aa6b2;
        --accent: #58a6ff; --accent-strong: #79b8ff; --accent-soft: #15283f; --on-accent: #0b1320;
        --header-bg: #0a0f16; --header-text: #e6edf3; --header-muted: #9aa6b2;
        --success: #3fb950; --success-soft: #12261a; --warning: #e3b341; --warning-soft: #2a2110; --warning-border: #6b5217;
        --danger: #ff7b72; --danger-soft: #2d1416; --info-soft: #13233a; --info-border: #2c4a73;
        --chart: #58a6ff; --chart-axis: #3b434d; --code-bg: #0d1117;
        --shadow: 0 1px 2px rgba(0, 0, 0, .4);
      }
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.55 var(--font); display: flex; flex-direction: column; min-height: 100vh; }
    main { flex: 1; outline: none; }
    a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
    a:hover { color: var(--accent-strong); }
    :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 4px; }
    code, pre { font-family: var(--mono); font-size: .9em; }
    h1, h2, h3 { line-height: 1.25; margin: 0 0 .5em; }
    h1 { font-size: 1.9rem; letter-spacing: -.01em; }
    h2 { font-size: 1.2rem; }
    h3 { font-size: 1rem; }
    .wrap { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
    .skip-link { position: absolute; left: 12px; top: -60px; z-index: 10; background: var(--surface); color: var(--accent); padding: 8px 14px; border-radius: 6px; box-shadow: var(--shadow); }
    .skip-link:focus { top: 12px; }
    .muted { color: var(--muted); }

    /* Header */
    .site-header { background: var(--header-bg); color: var(--header-text); }
    .header-inner { display: flex; align-items: center; gap: 28px; min-height: 60px; flex-wrap: wrap; }
    .brand { display: inline-flex; align-items: center; gap: 10px; color: var(--header-text); text-decoration: none; font-weight: 700; font-size: 1.2rem; letter-spacing: .01em; }
    .brand:hover { color: #fff; }
    .brand-mark { width: 26px; height: 26px; fill: #5aa7ff; }
    .site-nav ul { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
    .site-nav a { display: block; padding: 6px 12px; border-radius: 6px; color: var(--header-muted); text-decoration: none; font-weight: 500; }
    .site-nav a:hover, .site-nav a[aria-current="page"] { color: var(--header-text); background: rgba(255, 255, 255, .09); }
    .header-search { margin-left: auto; display: flex; align-items: center; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; }
    .header-search input[type="search"] { background: transparent; border: 0; color: var(--text); padding: 7px 12px; width: 260px; font-size: .95rem; }
    .header-search:focus-within { outline: 3px solid var(--accent); outline-offset: 1px; }
    .header-search input[type="search"]:focus-visible { outline: none; }
    .icon-button { background: transparent; border: 0; padding: 6px 10px; cursor: pointer; color: var(--muted); }
    .icon-button svg { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; display: block; }

    /* Buttons, fields, chips */
    .button { display: inline-flex; align-items: center; justify-content: center; gap: 6px; padding: 8px 16px; border-radius: 8px; border: 1px solid var(--border); background: var(--surface); color: var(--text); font: inherit; font-size: .95rem; font-weight: 500; text-decoration: none; cursor: pointer; }
    .button:hover { border-color: var(--accent); color: var(--accent); }
    .button-primary { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
    .button-primary:hover { background: var(--accent-strong); color: var(--on-accent); }
    input[type="search"], select { font: inherit; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 8px 12px; }
    .chip { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: .78rem; font-weight: 600; background: var(--surface-2); color: var(--muted); border: 1px solid var(--border); text-decoration: none; vertical-align: middle; }
    .chip-framework { background: var(--accent-soft); color: var(--accent-strong); border-color: transparent; }
    .chip-success { background: var(--success-soft); color: var(--success); border-color: transparent; }
    .chip-warning { background: var(--warning-soft); color: var(--warning); border-color: var(--warning-border); }
    .chip-danger { background: var(--danger-soft); color: var(--danger); border-color: transparent; }
    .verified svg { width: 18px; height: 18px; fill: var(--accent); vertical-align: -3px; }
    .verified .tick { fill: none; stroke: #fff; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }

    /* Notices */
    .notice { border: 1px solid var(--border); border-left-width: 4px; border-radius: 8px; padding: 10px 14px; margin: 0 0 12px; background: var(--surface); }
    .notice p { margin: .2em 0; }
    .notice-title { font-weight: 700; }
    .notice-info { background: var(--info-soft); border-color: var(--info-border); }
    .notice-warning { background: var(--warning-soft); border-color: var(--warning-border); }
    .notice-danger { background: var(--danger-soft); border-color: var(--danger); }

    /* Home */
    .hero { background: linear-gradient(180deg, var(--header-bg) 0%, #16365c 100%); color: var(--header-text); padding: 48px 0 40px; }
    .hero h1 { font-size: 2.3rem; margin-bottom: .25em; }
    .hero-lead { color: var(--header-muted); margin: 0 0 22px; font-size: 1.1rem; }
    .hero-search { display: flex; gap: 10px; max-width: 680px; }
    .hero-search input { flex: 1; padding: 12px 16px; font-size: 1.05rem; border-radius: 10px; }
    .hero .hero-search input { border-color: transparent; }
    .totals { display: flex; flex-wrap: wrap; gap: 14px 40px; margin: 28px 0 0; padding: 0; list-style: none; }
    .totals li { display: flex; flex-direction: column; }
    .total-label { color: var(--muted); font-size: .9rem; }
    .hero .total-label { color: var(--header-muted); }
    .total-value { font-size: 1.7rem; font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1.2; }
    .totals-compact .total-value { font-size: 1.3rem; }
    .home-columns { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 32px; padding-top: 32px; padding-bottom: 40px; }
    .home-aside { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 18px 20px; align-self: start; box-shadow: var(--shadow); }
    .empty { color: var(--muted); background: var(--surface); border: 1px dashed var(--border); border-radius: var(--radius); padding: 18px 20px; }

    /* Package lists */
    .package-list { list-style: none; margin: 0 0 20px; padding: 0; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
    .package-item { display: flex; gap: 16px; padding: 16px 18px; border-top: 1px solid var(--border); }
    .package-item:first-child { border-top: 0; }
    .package-icon { width: 48px; height: 48px; border-radius: 8px; flex: none; background: var(--surface-2); object-fit: contain; }
    .package-icon-large { width: 64px; height: 64px; }
    .package-item-body { min-width: 0; flex: 1; }
    .package-item-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
    .package-item-id { font-size: 1.15rem; font-weight: 650; text-decoration: none; overflow-wrap: anywhere; }
    .package-item-id:hover { text-decoration: underline; }
    .package-item-owners { color: var(--muted); font-size: .92rem; overflow-wrap: anywhere; }
    .package-facts { display: flex; flex-wrap: wrap; gap: 2px 18px; list-style: none; margin: 4px 0; padding: 0; color: var(--muted); font-size: .88rem; }
    .package-facts svg { width: 14px; height: 14px; fill: none; stroke: currentColor; stroke-width: 1.5; stroke-linecap: round; stroke-linejoin: round; vertical-align: -2px; margin-right: 5px; }
    .package-item-description { margin: 6px 0 0; overflow-wrap: anywhere; }
    .tags { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 8px 0 0; padding: 0; }
    .tags a { display: inline-block; padding: 1px 9px; border-radius: 6px; background: var(--surface-2); color: var(--muted); font-size: .82rem; text-decoration: none; border: 1px solid var(--border); max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .tags a:hover { color: var(--accent); border-color: var(--accent); }
    .more-tags { color: var(--muted); font-size: .82rem; }

    /* Search */
    .search-form { padding: 24px 0 8px; }
    .search-row { display: flex; gap: 10px; }
    .search-row input { flex: 1; padding: 11px 14px; font-size: 1.05rem; }
    .search-filters { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 18px; margin-top: 12px; font-size: .95rem; }
    .field { display: inline-flex; align-items: center; gap: 8px; color: var(--muted); }
    .check { display: inline-flex; align-items: center; gap: 6px; }
    .check input { width: 18px; height: 18px; accent-color: var(--accent); }
    .results-heading { font-size: 1.3rem; margin: 18px 0 14px; font-weight: 600; }
    .pager { display: flex; align-items: center; justify-content: center; gap: 18px; margin: 10px 0 36px; }
    .pager-position { color: var(--muted); }

    /* Package page */
    .package-page { padding-top: 28px; padding-bottom: 40px; }
    .package-header { display: flex; gap: 18px; align-items: flex-start; margin-bottom: 18px; }
    .package-title { margin: 0; overflow-wrap: anywhere; }
    .package-version { color: var(--muted); font-weight: 500; }
    .package-subtitle { margin: 4px 0 0; color: var(--muted); }
    .package-badges { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 0; }
    .package-layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 28px; }
    .package-main { min-width: 0; }
    .install { margin-bottom: 22px; }
    .tabs { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
    .tab-list { display: flex; overflow-x: auto; border-bottom: 1px solid var(--border); padding: 0 8px; scrollbar-width: thin; }
    .tab { flex: none; padding: 10px 12px; margin-bottom: -1px; color: var(--muted); text-decoration: none; font-weight: 550; font-size: .93rem; border-bottom: 3px solid transparent; white-space: nowrap; cursor: pointer; }
    .tab:hover { color: var(--text); }
    .tab[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
    .tab-panel { padding: 16px 18px; }
    .tab-panel + .tab-panel { border-top: 1px solid var(--border); }
    .js .tab-panel + .tab-panel { border-top: 0; }
    .js .tab-panel[hidden] { display: none; }
    .js .panel-heading { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .panel-heading { font-size: 1.05rem; }
    .install-panel h3 { font-size: 1rem; }
    .snippet-row { display: flex; gap: 8px; align-items: stretch; }
    .snippet { flex: 1; margin: 0; background: var(--code-bg); border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; overflow-x: auto; white-space: pre; }
    .snippet-label { margin: 10px 0 4px; font-size: .88rem; color: var(--muted); }
    .snippet-note { margin: 10px 0 0; font-size: .88rem; color: var(--muted); }
    .copy-button { flex: none; align-self: flex-start; }
    .copy-button.copied { border-color: var(--success); color: var(--success); }
    .body-tabs .tab-panel { padding: 20px 22px; }
    .description-text { white-space: pre-line; overflow-wrap: anywhere; }
    .release-notes, .license-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--code-bg); border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; margin: 0; }
    .markdown { overflow-wrap: break-word; }
    .markdown > :first-child { margin-top: 0; }
    .markdown h2, .markdown h3, .markdown h4 { margin-top: 1.3em; }
    .markdown h2 { padding-bottom: .3em; border-bottom: 1px solid var(--border); }
    .markdown pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; overflow-x: auto; }
    .markdown :not(pre) > code { background: var(--code-bg); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; }
    .markdown table { border-collapse: collapse; display: block; overflow-x: auto; }
    .markdown th, .markdown td { border: 1px solid var(--border); padding: 5px 10px; }
    .markdown blockquote { margin: 0; padding: 0 14px; color: var(--muted); border-left: 4px solid var(--border); }
    .framework-list, .dependency-list { list-style: none; padding: 0; margin: 0 0 8px; display: grid; gap: 6px; }
    .dependency-group { color: var(--muted); font-size: .95rem; margin-top: 14px; }
    .dependency-group:first-of-type { margin-top: 0; }
    .range { color: var(--muted); font-family: var(--mono); font-size: .88rem; }
    .table-scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-size: .85rem; color: var(--muted); font-weight: 600; }
    th, td { padding: 7px 10px; border-bottom: 1px solid var(--border); }
    .number { text-align: right; font-variant-numeric: tabular-nums; }
    .versions-table tr.current td { background: var(--accent-soft); font-weight: 600; }

    /* Sidebar */
    .package-sidebar { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
    .sidebar-block { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px 18px; box-shadow: var(--shadow); }
    .sidebar-block h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin-bottom: 10px; }
    .download-stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 0 0 12px; padding: 0; list-style: none; }
    .download-stats li { display: flex; flex-direction: column; }
    .download-stats .total-label { line-height: 1.3; }
    .download-stats .total-label { font-size: .78rem; }
    .download-stats .total-value { font-size: 1.15rem; }
    .chart-figure { margin: 0; }
    .chart { display: block; width: 100%; height: 80px; }
    .chart-bar { fill: var(--chart); }
    .chart-bar:hover { fill: var(--accent-strong); }
    .chart-axis { stroke: var(--chart-axis); stroke-width: 1; }
    .chart-figure figcaption { display: flex; justify-content: space-between; font-size: .75rem; color: var(--muted); margin-top: 4px; }
    .chart-empty { margin: 6px 0 0; color: var(--muted); font-size: .85rem; }
    .chart-data { margin-top: 8px; font-size: .85rem; }
    .chart-data summary { cursor: pointer; color: var(--accent); }
    .chart-data table { margin-top: 6px; }
    .chart-data td, .chart-data th { padding: 3px 6px; }
    .about-list { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; overflow-wrap: anywhere; }
    .owner-list { list-style: none; padding: 0; margin: 0 0 10px; display: grid; gap: 8px; }
    .owner-list-inline { display: flex; flex-wrap: wrap; gap: 10px 22px; }
    .owner-list a { display: inline-flex; align-items: center; gap: 8px; text-decoration: none; font-weight: 550; overflow-wrap: anywhere; }
    .avatar { display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 28px; flex: none; border-radius: 50%; background: var(--accent-soft); color: var(--accent-strong); font-weight: 700; font-size: .85rem; text-transform: uppercase; }
    .avatar-large { width: 72px; height: 72px; font-size: 2rem; }
    .copyright { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; margin: 0; }

    /* Profile, stats, errors, license */
    .profile-page, .stats-page, .license-page { padding-top: 28px; padding-bottom: 40px; }
    .profile-header { display: flex; align-items: center; gap: 20px; flex-wrap: wrap; margin-bottom: 24px; }
    .profile-header h1 { margin: 0; overflow-wrap: anywhere; }
    .profile-header p { margin: 0; }
    .profile-header .totals { margin: 0 0 0 auto; }
    .members { margin-bottom: 24px; }
    .stats-page .totals { margin: 8px 0 28px; }
    .stats-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 22px; }
    .stats-grid section { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px 18px; box-shadow: var(--shadow); min-width: 0; }
    .stats-table td { overflow-wrap: anywhere; }
    .stats-table td.date { white-space: nowrap; overflow-wrap: normal; }
    .error-page { padding-top: 60px; padding-bottom: 60px; max-width: 720px; }
    .error-code { font-size: 4.5rem; font-weight: 800; line-height: 1; margin: 0 0 12px; color: var(--accent); }
    .error-page .hero-search { margin: 22px 0; }

    /* Footer */
    .site-footer { border-top: 1px solid var(--border); background: var(--surface); color: var(--muted); font-size: .9rem; margin-top: 20px; }
    .footer-inner { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 10px 24px; padding-top: 18px; padding-bottom: 18px; }
    .footer-inner p { margin: 0; }
    .footer-links { display: flex; gap: 18px; list-style: none; margin: 0; padding: 0; }

    @media (min-width: 761px) {
      .install .tab-list { flex-wrap: wrap; overflow-x: visible; }
    }

    /* Phones and narrow windows */
    @media (max-width: 760px) {
      .wrap { padding-left: 14px; padding-right: 14px; }
      h1 { font-size: 1.5rem; }
      .header-inner { gap: 8px 16px; padding-top: 8px; padding-bottom: 10px; }
      .header-search { margin-left: 0; width: 100%; }
      .header-search input { width: 100%; flex: 1; }
      .hero { padding: 30px 0 28px; }
      .hero h1 { font-size: 1.7rem; }
      .hero-search, .search-row { flex-direction: column; }
      .home-columns, .package-layout { grid-template-columns: minmax(0, 1fr); }
      .package-item { padding: 14px; gap: 12px; }
      .package-icon { width: 40px; height: 40px; }
      .package-header { gap: 12px; }
      .package-icon-large { width: 48px; height: 48px; }
      .totals { gap: 10px 26px; }
      .total-value { font-size: 1.35rem; }
      .profile-header .totals { margin: 0; width: 100%; }
      .body-tabs .tab-panel { padding: 16px 14px; }
      .footer-links { flex-wrap: wrap; }
    }
    /* Accounts: header sign-in link and menu, account forms */
    .sign-in, .account-menu { margin-left: auto; }
    .header-search ~ .sign-in, .header-search ~ .account-menu { margin-left: 0; }
    .sign-in { color: var(--header-text); font-weight: 500; text-decoration: none; padding: 6px 12px; border: 1px solid rgba(255, 255, 255, .3); border-radius: 6px; }
    .sign-in:hover { background: rgba(255, 255, 255, .09); }
    .account-menu { position: relative; }
    .account-menu summary { cursor: pointer; padding: 6px 12px; border-radius: 6px; color: var(--header-text); font-weight: 600; list-style-position: inside; }
    .account-menu summary:hover, .account-menu[open] summary { background: rgba(255, 255, 255, .09); }
    .account-menu ul { position: absolute; right: 0; z-index: 5; min-width: 220px; margin: 6px 0 0; padding: 6px 0; list-style: none; background: var(--surface); border: 1px solid var(--border); border-radius: 8px; box-shadow: var(--shadow); }
    .account-menu li a, .account-menu .link-button { display: block; width: 100%; text-align: left; padding: 8px 16px; color: var(--text); text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; }
    .account-menu li a:hover, .account-menu .link-button:hover { background: var(--surface-2); color: var(--accent); }
    .account-menu form { margin: 0; border-top: 1px solid var(--border); }
    .narrow { max-width: 520px; }
    .account-page { padding-top: 32px; padding-bottom: 48px; }
    .account-form { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 20px 22px; box-shadow: var(--shadow); }
    .form-field { display: flex; flex-direction: column; gap: 4px; margin: 0 0 16px; }
    .form-field label { font-weight: 600; }
    .form-field input, .form-field select { font: inherit; padding: 8px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--surface); color: var(--text); }
    .form-field input:focus-visible, .form-field select:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
    .help { color: var(--muted); font-size: .88rem; }
    .form-error { color: var(--danger); background: var(--danger-soft); border: 1px solid var(--danger); border-radius: 8px; padding: 10px 14px; }
    .account-section { margin-top: 28px; }
    .field-group { border: 1px solid var(--border); border-radius: 8px; padding: 10px 16px 4px; margin: 0 0 16px; }
    .field-group legend { font-weight: 600; padding: 0 6px; }
    .form-check { display: flex; align-items: center; gap: 8px; margin: 0 0 10px; }
    .form-check input { width: 18px; height: 18px; accent-color: var(--accent); flex: none; }
    .sub-choices { margin: 0 0 0 26px; padding: 0; border: 0; }
    .package-checks { list-style: none; padding: 0; margin: 0 0 10px; display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 4px 16px; }
    .package-checks label { overflow-wrap: anywhere; }
    .secret-line code { overflow-wrap: anywhere; font-size: .95rem; }
    .key-list { list-style: none; padding: 0; margin: 0; }
    .key-item { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 14px 18px; margin: 0 0 12px; box-shadow: var(--shadow); }
    .key-item h3 { margin: 0 0 6px; overflow-wrap: anywhere; }
    .key-facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 16px; margin: 0 0 10px; }
    .key-facts dt { color: var(--muted); }
    .key-facts dd { margin: 0; overflow-wrap: anywhere; }
    .key-actions { display: flex; gap: 8px; flex-wrap: wrap; }
    .key-actions form { margin: 0; }
    /* desk: report, contact owners, policies, /admin (issue 16) */
    .desk-page { padding-top: 32px; padding-bottom: 48px; }
    .desk-page input[type=text], .desk-page input[type=search], .desk-page select { font: inherit; padding: 6px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--surface); color: var(--text); }
    .desk-page input:focus-visible, .desk-page select:focus-visible, .desk-page textarea:focus-visible { outline: 3px solid var(--accent); outline-offset: 1px; }
    .desk-page textarea { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--text); }
    .desk-page select { max-width: 100%; }
    .desk-tools { list-style: none; padding: 0; margin: 0 0 20px; display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px 16px; }
    .desk-tools li { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 12px 16px; }
    .desk-filters { list-style: none; padding: 0; margin: 0 0 16px; display: flex; flex-wrap: wrap; gap: 6px 16px; }
    .desk-filters a[aria-current] { font-weight: 700; }
    .desk-inline { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0 0 16px; }
    .desk-inline input[type=text], .desk-inline input[type=search] { min-width: 0; flex: 1 1 180px; }
    .desk-actions { display: flex; flex-direction: column; gap: 10px; }
    .desk-actions form { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 0; }
    .desk-actions input[type=text] { flex: 1 1 200px; min-width: 0; }
    .desk-details { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 10px; }
    .desk-key { display: inline-block; overflow-wrap: anywhere; }
    .desk-versions { list-style: none; padding: 0; margin: 0 0 10px; }
    .desk-versions li { flex-wrap: wrap; }
    .desk-versions label { font-weight: 600; overflow-wrap: anywhere; }
    @media (max-width: 760px) {
      .account-menu ul { right: auto; left: 0; }
    }
    /* accounts slice (issue 15): settings, delete and transform pages, external logins */
    .settings-page .account-section { border-top: 1px solid var(--border); padding-top: 8px; }
    .consequences { padding-left: 1.2em; }
    .consequences li { margin: 0 0 6px; }
    /* .button-danger (an outlined red button) is defined once, in the manage block below. */
    /* OpenID Connect: one full-width button per provider, and the linked logins with their Unlink. */
    .external-logins { border-top: 1px solid var(--border); margin-top: 20px; padding-top: 8px; }
    .external-logins h2 { font-size: 1rem; color: var(--muted); font-weight: 500; }
    .external-login-list { list-style: none; padding: 0; margin: 0 0 12px; display: grid; gap: 8px; }
    .external-logins .external-login-button { width: 100%; }
    .external-login-list form, .login-item form { margin: 0; }
    .login-list { list-style: none; padding: 0; margin: 0 0 12px; }
    .login-item { display: flex; align-items: center; justify-content: space-between; gap: 12px; flex-wrap: wrap;
      padding: 8px 0; border-bottom: 1px solid var(--border); }
    .login-item form { margin: 0; }
    @media (max-width: 760px) {
      /* The open account menu spans the header's width on phones, so no item is cut off at either edge. */
      .header-inner { position: relative; }
      .account-menu { position: static; }
      .account-menu ul { left: 0; right: 0; }
    }
    /* manage (issue 15): Manage page, Manage Packages, API key edit and delete */
    .button-danger { border-color: var(--danger); color: var(--danger); }
    .button-danger:hover { background: var(--danger-soft); color: var(--danger); border-color: var(--danger); }
    .inline-form { display: inline; margin: 0 0 0 8px; }
    .manage-lead { color: var(--muted); }
    .manage-page .account-section { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px 20px; box-shadow: var(--shadow); }
    .manage-owners { list-style: none; margin: 0 0 8px; padding: 0; }
    .manage-owners li { display: flex; align-items: center; flex-wrap: wrap; gap: 6px; padding: 6px 0; border-bottom: 1px solid var(--border); }
    .manage-owners li:last-child { border-bottom: 0; }
    .manage-page textarea, .form-field textarea { font: inherit; width: 100%; padding: 8px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--surface); color: var(--text); }
    .manage-page select { max-width: 100%; }
    .manage-page .account-form { border: 0; box-shadow: none; padding: 0; }
    .manage-table { width: 100%; border-collapse: collapse; background: var(--surface); }
    .manage-table th, .manage-table td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
    .manage-table .number { text-align: right; }
    .reservation-list { padding-left: 1.2em; }
    .account-section h3 { margin-top: 18px; }
    @media (prefers-reduced-motion: no-preference) {
      .button, .tab, .tags a { transition: color .15s, background-color .15s, border-color .15s; }
    }
    """#
}
