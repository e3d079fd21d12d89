extension Templates {
    /// `/account/ForgotPassword`: "Email", "Send". The answer is the same whether or not the address has an account.
    static let forgotPassword = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Forgot your password?</h1>
      {{#sent}}<p class="notice notice-info" role="status">If an account uses this address, we sent it a link to choose a new password. The link works once, for one hour.</p>{{/sent}}
      {{^sent}}
      <p>Enter the email address of your account: we will mail you a link to choose a new password.</p>
      <form class="account-form" method="post" action="/account/ForgotPassword">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-field"><label for="email">Email</label>
          <input id="email" name="Email" type="email" autocomplete="email" required autofocus></p>
        <p><button type="submit" class="button button-primary">Send</button></p>
      </form>
      {{/sent}}
      <p><a href="/users/account/LogOn">Back to sign in</a></p>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// The mailed reset link's page: "New password", "Confirm password".
    static let resetPassword = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Choose a new password</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="account-form" method="post" action="/account/ResetPassword">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <input type="hidden" name="Token" value="{{token}}">
        <p class="form-field"><label for="new-password">New password</label>
          <input id="new-password" name="NewPassword" type="password" autocomplete="new-password" required minlength="8" aria-describedby="new-password-help">
          <span id="new-password-help" class="help">At least 8 characters.</span></p>
        <p class="form-field"><label for="confirm-password">Confirm password</label>
          <input id="confirm-password" name="ConfirmPassword" type="password" autocomplete="new-password" required minlength="8"></p>
        <p><button type="submit" class="button button-primary">Reset password</button></p>
      </form>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/account` (gallery.md §1.6): email, notifications, password, external logins.
    static let accountSettings = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page settings-page">
      <h1>Account Settings</h1>
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <section class="account-section" aria-labelledby="email-heading">
        <h2 id="email-heading">Email</h2>
        <p>Your email address is <strong>{{email}}</strong>{{#confirmed}} (confirmed){{/confirmed}}{{^confirmed}} (not confirmed yet: follow the link in the mail we sent){{/confirmed}}.</p>
        <form class="account-form" method="post" action="/account/ChangeEmail">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <p class="form-field"><label for="new-email">New email</label>
            <input id="new-email" name="NewEmail" type="email" autocomplete="email" required aria-describedby="new-email-help">
            <span id="new-email-help" class="help">We mail a link to the new address; the change happens when you open it.</span></p>
          <p><button type="submit" class="button">Change email</button></p>
        </form>
      </section>
      <section class="account-section" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Notifications</h2>
        <form class="account-form" method="post" action="/account/Preferences">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <p class="form-check"><input id="allow-contact" name="AllowContact" type="checkbox" value="on"{{#allowsContact}} checked{{/allowsContact}}> <label for="allow-contact">Allow others to contact me</label></p>
          <p class="form-check"><input id="notify-publish" name="NotifyOnPublish" type="checkbox" value="on"{{#notifyOnPublish}} checked{{/notifyOnPublish}}> <label for="notify-publish">Notify me when a package is published to my account</label></p>
          <p><button type="submit" class="button">Save</button></p>
        </form>
      </section>
      <section class="account-section" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <form class="account-form" method="post" action="/account/ChangePassword">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <input type="text" name="username" autocomplete="username" value="{{name}}" hidden>
          <p class="form-field"><label for="current-password">Current password</label>
            <input id="current-password" name="OldPassword" type="password" autocomplete="current-password" required></p>
          <p class="form-field"><label for="new-password">New password</label>
            <input id="new-password" name="NewPassword" type="password" autocomplete="new-password" required minlength="8"></p>
          <p class="form-field"><label for="confirm-password">Confirm password</label>
            <input id="confirm-password" name="ConfirmPassword" type="password" autocomplete="new-password" required minlength="8"></p>
          <p class="help">Changing the password signs you out everywhere else.</p>
          <p><button type="submit" class="button">Change password</button></p>
        </form>
      </section>
      {{#showLogins}}
      <section class="account-section" aria-labelledby="logins-heading">
        <h2 id="logins-heading">External logins</h2>
        {{^hasLogins}}<p class="empty">No external login is linked to your account.</p>{{/hasLogins}}
        {{#hasLogins}}
        <ul class="login-list">
          {{#logins}}
          <li class="login-item"><span>{{providerName}} <span class="help">since {{linked}}</span></span>
            <form method="post" action="/account/logins/unlink">
              <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
              <input type="hidden" name="Issuer" value="{{issuer}}">
              <input type="hidden" name="Subject" value="{{subject}}">
              <button type="submit" class="button" aria-label="Unlink {{providerName}}">Unlink</button>
            </form></li>
          {{/logins}}
        </ul>
        {{/hasLogins}}
        <ul class="external-login-list">
          {{#providers}}
          <li><form method="get" action="/users/account/oidc/start"><input type="hidden" name="Provider" value="{{id}}"><input type="hidden" name="Link" value="1"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><button class="button external-login-button" type="submit">Link {{name}}</button></form></li>
          {{/providers}}
        </ul>
      </section>
      {{/showLogins}}
      <section class="account-section" aria-labelledby="close-heading">
        <h2 id="close-heading">Delete or transform</h2>
        <p><a href="/account/transform">Transform this account into an organization</a></p>
        <p><a href="/account/delete">Delete my account</a></p>
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
