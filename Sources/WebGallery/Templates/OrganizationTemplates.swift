extension Templates {
    /// `/account/Organizations` (gallery.md §1.9): the person's organizations and pending invitations.
    static let organizations = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page">
      <h1>Manage Organizations</h1>
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <p><a class="button button-primary" href="/organization/add">Add new organization</a></p>
      {{#hasInvitations}}
      <section class="account-section" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Invitations</h2>
        <ul class="manage-owners">
          {{#invitations}}
          <li><span>You are invited to join <strong>{{organization}}</strong> as {{role}}.</span>
            <form method="post" action="/account/Organizations" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="accept"><input type="hidden" name="Organization" value="{{organization}}"><button type="submit" class="button button-primary" aria-label="Accept the invitation to {{organization}}">Accept</button></form>
            <form method="post" action="/account/Organizations" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="decline"><input type="hidden" name="Organization" value="{{organization}}"><button type="submit" class="button" aria-label="Decline the invitation to {{organization}}">Decline</button></form>
          </li>
          {{/invitations}}
        </ul>
      </section>
      {{/hasInvitations}}
      <section class="account-section" aria-labelledby="organizations-heading">
        <h2 id="organizations-heading">Organizations</h2>
        {{^hasOrganizations}}<p class="empty">You are not a member of any organization.</p>{{/hasOrganizations}}
        {{#hasOrganizations}}
        <div class="table-scroll"><table class="manage-table">
          <caption class="visually-hidden">Your organizations</caption>
          <thead><tr><th scope="col">Organization</th><th scope="col">Membership</th><th scope="col" class="number">Members</th><th scope="col" class="number">Packages</th><th scope="col">Actions</th></tr></thead>
          <tbody>{{#organizations}}<tr><td><a href="{{profileURL}}">{{name}}</a></td><td>{{role}}</td><td class="number">{{members}}</td><td class="number">{{packages}}</td><td><a href="{{manageURL}}" aria-label="Manage {{name}}">Manage</a></td></tr>{{/organizations}}</tbody>
        </table></div>
        {{/hasOrganizations}}
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/organization/add`: "Organization name", "Organization email", "Add".
    static let addOrganization = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page">
      <h1>Add organization</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="account-form" method="post" action="/organization/add">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-field"><label for="organization-name">Organization name</label>
          <input id="organization-name" name="OrganizationName" type="text" required maxlength="64" value="{{name}}" aria-describedby="organization-name-help">
          <span id="organization-name-help" class="help">Letters, digits, '.', '-' or '_'; 64 at most. Its profile will be at /profiles/NAME; the name can never change.</span></p>
        <p class="form-field"><label for="organization-email">Organization email</label>
          <input id="organization-email" name="OrganizationEmailAddress" type="email" required maxlength="255" value="{{email}}"></p>
        <p class="help">You become its first Administrator.</p>
        <p><button type="submit" class="button button-primary">Add</button> <a class="button" href="/account/Organizations">Cancel</a></p>
      </form>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/organization/{name}/ManageOrganization`: members with roles; admins invite, change roles, remove, delete.
    static let manageOrganization = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page manage-page">
      <h1>Manage {{name}}</h1>
      <p class="manage-lead">You are {{#isAdmin}}an{{/isAdmin}}{{^isAdmin}}a{{/isAdmin}} {{roleName}} of <a href="{{profileURL}}">{{name}}</a>. Administrators manage members and packages; Collaborators manage packages only.</p>
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <section class="account-section" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <ul class="manage-owners">
          {{#members}}
          <li><a href="{{profileURL}}">{{name}}</a>{{#isYou}} <span class="muted">(that's you)</span>{{/isYou}}
            {{^isAdmin}}<span class="chip">Collaborator</span>{{/isAdmin}}{{#isAdmin}}<span class="chip">Administrator</span>{{/isAdmin}}
            {{#manage}}
            <form method="post" action="{{actionURL}}" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="change-role"><input type="hidden" name="Username" value="{{name}}">
              <select id="{{domID}}" name="Role" aria-label="Role of {{name}}"><option value="admin"{{#isAdmin}} selected{{/isAdmin}}>Administrator</option><option value="collaborator"{{^isAdmin}} selected{{/isAdmin}}>Collaborator</option></select>
              <button type="submit" class="button" aria-label="Save the role of {{name}}">Save</button></form>
            <form method="post" action="{{actionURL}}" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="remove"><input type="hidden" name="Username" value="{{name}}"><button type="submit" class="button button-danger" aria-label="Remove {{name}} from {{organizationName}}">Remove</button></form>
            {{/manage}}
          </li>
          {{/members}}
        </ul>
        {{#hasInvitations}}
        <h3>Pending invitations</h3>
        <ul class="manage-owners">
          {{#invitations}}<li>{{user}} <span class="muted">(pending, as {{role}})</span>
            {{#manage}}<form method="post" action="{{actionURL}}" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="cancel-invite"><input type="hidden" name="Username" value="{{user}}"><button type="submit" class="button" aria-label="Cancel the invitation to {{user}}">Cancel</button></form>{{/manage}}
          </li>{{/invitations}}
        </ul>
        {{/hasInvitations}}
        {{#manage}}
        <form class="account-form" method="post" action="{{actionURL}}">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="invite">
          <h3>Add member</h3>
          <p class="form-field"><label for="member-name">Username</label>
            <input id="member-name" name="Username" type="text" required maxlength="64" autocomplete="off" aria-describedby="member-help">
            <span id="member-help" class="help">The person is invited by mail and joins when they accept.</span></p>
          <p class="form-field"><label for="member-role">Role</label>
            <select id="member-role" name="Role"><option value="collaborator">Collaborator</option><option value="admin">Administrator</option></select></p>
          <p><button type="submit" class="button button-primary">Add</button></p>
        </form>
        {{/manage}}
      </section>
      {{#manage}}
      <section class="account-section" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete organization</h2>
        <p>An organization can be deleted once its other members are removed and it owns no package (transfer its packages to another owner first). Its name stays reserved.</p>
        <p>{{organizationName}} owns {{packageCount}} package(s).</p>
        <form method="post" action="{{actionURL}}"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Action" value="delete"><button type="submit" class="button button-danger">Delete {{organizationName}}</button></form>
      </section>
      {{/manage}}
    </div>
    {{/main}}
    {{/layout}}
    """#
}
