extension Templates {
    /// Sign in (nuget.org's `/users/account/LogOn`): "Username or email", "Password", "Sign in", "Forgot your password?".
    static let logOn = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Sign in</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      {{#passwordSignIn}}
      <form class="account-form" method="post" action="/users/account/LogOn">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <input type="hidden" name="ReturnUrl" value="{{returnURL}}">
        <p class="form-field"><label for="login">Username or email</label>
          <input id="login" name="UserNameOrEmail" type="text" autocomplete="username" required value="{{login}}" autofocus></p>
        <p class="form-field"><label for="password">Password</label>
          <input id="password" name="Password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit" class="button button-primary">Sign in</button></p>
      </form>
      <p><a href="/account/ForgotPassword">Forgot your password?</a></p>
      <p>No account yet? <a href="/users/account/Register">Register</a></p>
      {{/passwordSignIn}}
      {{^passwordSignIn}}<p class="notice notice-info">Password sign-in is turned off on this site: sign in with a provider below.</p>{{/passwordSignIn}}
      {{#hasProviders}}
      <section class="external-logins" aria-labelledby="external-heading">
        <h2 id="external-heading">{{#passwordSignIn}}Or use another service{{/passwordSignIn}}{{^passwordSignIn}}Sign in with a provider{{/passwordSignIn}}</h2>
        <ul class="external-login-list">
          {{#providers}}
          <li><form method="get" action="/users/account/oidc/start"><input type="hidden" name="Provider" value="{{id}}"><input type="hidden" name="ReturnUrl" value="{{returnURL}}"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><button class="button external-login-button" type="submit">Sign in with {{name}}</button></form></li>
          {{/providers}}
        </ul>
      </section>
      {{/hasProviders}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// The first sign-in with an OpenID provider: pick the new account's username (Register's rules) and email.
    static let oidcRegister = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Choose a username</h1>
      <p>You signed in with {{provider}} for the first time. Choose the username of your new account.</p>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="account-form" method="post" action="/users/account/oidc/register">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <input type="hidden" name="Token" value="{{token}}">
        <input type="hidden" name="ProviderName" value="{{provider}}">
        <input type="hidden" name="EmailVerified" value="{{#emailVerified}}true{{/emailVerified}}">
        <p class="form-field"><label for="username">Username</label>
          <input id="username" name="Username" type="text" autocomplete="username" required maxlength="64" value="{{username}}" aria-describedby="username-help" autofocus>
          <span id="username-help" class="help">Letters, digits, '.', '-' or '_'; 64 at most. It can never change.</span></p>
        <p class="form-field"><label for="email">Email</label>
          <input id="email" name="EmailAddress" type="email" autocomplete="email" required value="{{email}}" aria-describedby="email-help">
          <span id="email-help" class="help">{{#emailVerified}}{{provider}} confirmed this address; if you change it, we mail a link to confirm the new one.{{/emailVerified}}{{^emailVerified}}We mail a link to confirm it.{{/emailVerified}}</span></p>
        <p><button type="submit" class="button button-primary">Create account</button></p>
      </form>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// Register (nuget.org's `/users/account/Register`): "Username", "Email", "Password", "Register".
    static let register = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Register</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="account-form" method="post" action="/users/account/Register">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-field"><label for="username">Username</label>
          <input id="username" name="Username" type="text" autocomplete="username" required maxlength="64" value="{{username}}" aria-describedby="username-help">
          <span id="username-help" class="help">Letters, digits, '.', '-' or '_'; 64 at most. It can never change.</span></p>
        <p class="form-field"><label for="email">Email</label>
          <input id="email" name="EmailAddress" type="email" autocomplete="email" required value="{{email}}"></p>
        <p class="form-field"><label for="password">Password</label>
          <input id="password" name="Password" type="password" autocomplete="new-password" required minlength="8" aria-describedby="password-help">
          <span id="password-help" class="help">At least 8 characters.</span></p>
        <p><button type="submit" class="button button-primary">Register</button></p>
      </form>
      <p>Already registered? <a href="/users/account/LogOn">Sign in</a></p>
    </div>
    {{/main}}
    {{/layout}}
    """#
}

extension Templates {
    /// `/account/apikeys`: "Create" (Key name, Expires in, Package owner, Push and its two choices, Unlist package,
    /// Glob pattern, one checkbox per package) and "Manage" (each key with Edit, Regenerate, Revoke and Delete).
    /// The checkbox list is spliced in where `packagePicker` puts its marker (`PackagePicker`, compressed once);
    /// each key's package selection is edited on its own page (`apiKeyEdit`), not in a copy of the list per key.
    static let apiKeys = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page">
      <h1>API Keys</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#newSecret}}
      <div class="notice notice-info" role="status">
        <p class="notice-title">Your new API key "{{newKeyName}}"</p>
        <p>Copy it now: it is shown only once.</p>
        <p class="secret-line"><code id="new-api-key">{{newSecret}}</code> <button type="button" class="button copy-button" data-copy="new-api-key" hidden>Copy</button></p>
      </div>
      {{/newSecret}}
      <section class="account-section" aria-labelledby="create-heading">
        <h2 id="create-heading">Create</h2>
        {{^confirmed}}<p class="notice notice-warning">Confirm your email address before creating API keys: follow the link in the mail we sent you.</p>{{/confirmed}}
        {{#confirmed}}
        <form class="account-form" method="post" action="/account/apikeys">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <p class="form-field"><label for="key-name">Key name</label>
            <input id="key-name" name="Name" type="text" required maxlength="100"></p>
          <p class="form-field"><label for="expires">Expires in</label>
            <select id="expires" name="ExpiresInDays">{{#expiries}}<option value="{{days}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/expiries}}</select></p>
          <p class="form-field"><label for="owner">Package owner</label>
            <select id="owner" name="Owner">{{#owners}}<option value="{{.}}">{{.}}</option>{{/owners}}</select></p>
          <fieldset class="field-group">
            <legend>Select scopes</legend>
            <p class="form-check"><input id="scope-push" name="Push" type="checkbox" value="on" checked> <label for="scope-push">Push</label></p>
            <fieldset class="sub-choices">
              <legend class="visually-hidden">What Push allows</legend>
              <p class="form-check"><input id="push-new" name="PushKind" type="radio" value="push" checked> <label for="push-new">Push new packages and package versions</label></p>
              <p class="form-check"><input id="push-versions" name="PushKind" type="radio" value="push-versions"> <label for="push-versions">Push only new package versions</label></p>
            </fieldset>
            <p class="form-check"><input id="scope-unlist" name="Unlist" type="checkbox" value="on"> <label for="scope-unlist">Unlist package</label></p>
          </fieldset>
          <fieldset class="field-group">
            <legend>Select packages</legend>
            <p class="form-field"><label for="glob">Glob pattern</label>
              <input id="glob" name="GlobPattern" type="text" aria-describedby="glob-help">
              <span id="glob-help" class="help">For example <code>Contoso.*</code>; '*' matches any characters. Leave empty and tick no package for every package of the owner.</span></p>
            {{#hasPackages}}
            <ul class="package-checks">
              {{{packagePicker}}}
            </ul>
            {{/hasPackages}}
          </fieldset>
          <p><button type="submit" class="button button-primary">Create</button></p>
        </form>
        {{/confirmed}}
      </section>
      <section class="account-section" aria-labelledby="manage-heading">
        <h2 id="manage-heading">Manage</h2>
        {{^hasKeys}}<p class="empty">You have no API keys yet.</p>{{/hasKeys}}
        {{#hasKeys}}
        <ul class="key-list">
          {{#keys}}
          <li class="key-item">
            <h3>{{name}}</h3>
            <dl class="key-facts">
              <dt>Status</dt><dd>{{status}}</dd>
              <dt>Expires</dt><dd>{{expires}}</dd>
              <dt>Package owner</dt><dd>{{owner}}</dd>
              <dt>Scopes</dt><dd>{{scopes}}</dd>
              <dt>Packages</dt><dd>{{packages}}</dd>
            </dl>
            {{#active}}
            <div class="key-actions">
              <a class="button" href="/account/apikeys/{{key}}/Edit">Edit<span class="visually-hidden"> the packages of {{name}}</span></a>
              <form method="post" action="/account/apikeys/regenerate"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Key" value="{{key}}"><button type="submit" class="button" aria-label="Regenerate {{name}}">Regenerate</button></form>
              <form method="post" action="/account/apikeys/revoke"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Key" value="{{key}}"><button type="submit" class="button" aria-label="Revoke {{name}}">Revoke</button></form>
              <form method="post" action="/account/apikeys/delete"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Key" value="{{key}}"><button type="submit" class="button button-danger" aria-label="Delete {{name}}">Delete</button></form>
            </div>
            {{/active}}
            {{^active}}
            <div class="key-actions">
              <form method="post" action="/account/apikeys/delete"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Key" value="{{key}}"><button type="submit" class="button button-danger" aria-label="Delete {{name}}">Delete</button></form>
            </div>
            {{/active}}
          </li>
          {{/keys}}
        </ul>
        {{/hasKeys}}
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
