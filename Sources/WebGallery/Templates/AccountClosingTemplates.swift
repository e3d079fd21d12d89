extension Templates {
    /// `/account/delete` (gallery.md §1.14): what deletion does, what it leaves, then the confirmation.
    static let accountDelete = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Delete account</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <p class="notice notice-warning">Deleting the account <strong>{{name}}</strong> cannot be undone, and the name stays reserved: nobody can register it again.</p>
      <h2>What happens</h2>
      <ul class="consequences">
        <li>Every API key of the account, and every key acting for it, is revoked.</li>
        <li>The account is removed as an owner of all its packages. The packages are <strong>not</strong> deleted: they stay available to everyone who depends on them.</li>
        <li>Packages you own alone are left without an owner until a site admin gives them one.</li>
        <li>The account leaves its ID prefix reservations; a reservation with no other owner is released.</li>
        <li>The account leaves every organization it belongs to.</li>
        <li>You are signed out everywhere.</li>
      </ul>
      {{#hasSoleOwned}}
      <h2>Packages you own alone</h2>
      <p>Consider adding another owner first.</p>
      <ul class="package-list-plain">{{#soleOwned}}<li><a href="/packages/{{.}}">{{.}}</a></li>{{/soleOwned}}</ul>
      {{/hasSoleOwned}}
      {{#hasOrganizations}}
      <h2>Organizations</h2>
      <ul>{{#organizations}}<li>{{.}}</li>{{/organizations}}</ul>
      {{/hasOrganizations}}
      {{#blocked}}
      <p class="form-error" role="alert">You are the last administrator of {{blockedList}}. Add another administrator or delete the organization before deleting your account.</p>
      {{/blocked}}
      {{^blocked}}
      <p>To keep your packages under one name for a team instead, <a href="/account/transform">transform the account into an organization</a>.</p>
      <form class="account-form" method="post" action="/account/delete">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-check"><input id="understand" name="Understand" type="checkbox" value="on" required> <label for="understand">I understand that deleting my account cannot be undone</label></p>
        <p><button type="submit" class="button button-danger">Delete my account</button></p>
      </form>
      {{/blocked}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/account/transform` (gallery.md §1.14): the administrator's username; they accept by a mailed link.
    static let accountTransform = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Transform into an organization</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      {{#sent}}<p class="notice notice-info" role="status">We mailed {{sent}} a link to accept. The account changes when they do; until then nothing changes.</p>{{/sent}}
      <ul class="consequences">
        <li>Nobody can sign in as <strong>{{name}}</strong> any more; the administrator you name manages it.</li>
        <li>The packages and prefix reservations of {{name}} stay with the organization.</li>
        <li>The API keys of {{name}} are revoked; members create keys for the organization.</li>
        <li>The administrator receives every right over the organization, and can add members.</li>
      </ul>
      <form class="account-form" method="post" action="/account/transform">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-field"><label for="admin-name">Administrator username</label>
          <input id="admin-name" name="AdminUsername" type="text" required maxlength="64" autocomplete="off" aria-describedby="admin-help">
          <span id="admin-help" class="help">Another user with a confirmed email. They get a mail with a link to accept.</span></p>
        <p><button type="submit" class="button button-primary">Transform</button></p>
      </form>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// The mailed transform link, opened by the named admin.
    static let transformConfirm = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Administer {{account}} as an organization</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <p>The account <strong>{{account}}</strong> asks to become an organization with you, {{admin}}, as its administrator.</p>
      <form class="account-form" method="post" action="/account/transform/confirm">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <input type="hidden" name="Token" value="{{token}}">
        <p><button type="submit" class="button button-primary">Accept</button></p>
      </form>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
