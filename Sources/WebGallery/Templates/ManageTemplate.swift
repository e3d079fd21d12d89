extension Templates {
    /// `/packages/{id}/{version}/Manage` (gallery.md §1.11): sections headed "Owners", "Deprecation", "Listing" and
    /// "Documentation"; every form works without script and carries the CSRF token.
    static let manage = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page manage-page">
      <h1>Manage {{id}}</h1>
      <p class="manage-lead">Version <strong>{{version}}</strong> · <a href="{{packageURL}}">Back to the package page</a></p>
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <section class="account-section" id="owners" aria-labelledby="owners-heading">
        <h2 id="owners-heading">Owners</h2>
        <p class="help">All owners have full control of the package, including removing other owners.</p>
        <ul class="manage-owners">
          {{#owners}}
          <li><a href="{{url}}">{{name}}</a>{{#note}} <span class="muted">{{note}}</span>{{/note}}
            {{#removable}}<form method="post" action="{{actionURL}}" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Section" value="remove-owner"><input type="hidden" name="Username" value="{{name}}"><button type="submit" class="button" aria-label="Remove {{name}} as owner of {{id}}">Remove</button></form>{{/removable}}
          </li>
          {{/owners}}
        </ul>
        {{#hasPending}}
        <ul class="manage-owners manage-pending">
          {{#pending}}<li>{{name}} <span class="muted">(pending approval, asked by {{requester}})</span>
            {{#mayManageOwners}}<form method="post" action="{{actionURL}}" class="inline-form"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Section" value="cancel-owner"><input type="hidden" name="Username" value="{{name}}"><button type="submit" class="button" aria-label="Cancel the request to {{name}}">Cancel request</button></form>{{/mayManageOwners}}
          </li>{{/pending}}
        </ul>
        {{/hasPending}}
        {{#lastOwnerNote}}<p class="help">{{lastOwnerNote}}</p>{{/lastOwnerNote}}
        {{#mayManageOwners}}
        <form class="account-form" method="post" action="{{actionURL}}">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <input type="hidden" name="Section" value="add-owner">
          <h3>Add owner</h3>
          <p class="form-field"><label for="new-owner">Username</label>
            <input id="new-owner" name="Username" type="text" required maxlength="64" autocomplete="off" aria-describedby="new-owner-help">
            <span id="new-owner-help" class="help">The account is asked by mail and becomes an owner when it accepts.</span></p>
          <p class="form-field"><label for="owner-message">Message</label>
            <textarea id="owner-message" name="Message" rows="2" maxlength="4000"></textarea></p>
          <p><button type="submit" class="button button-primary">Add</button></p>
        </form>
        {{/mayManageOwners}}
        {{^mayManageOwners}}<p class="help">Only owners and organization administrators change the owners; collaborators manage the package's versions.</p>{{/mayManageOwners}}
      </section>
      <section class="account-section" id="deprecation" aria-labelledby="deprecation-heading">
        <h2 id="deprecation-heading">Deprecation</h2>
        <form class="account-form" method="post" action="{{actionURL}}">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <input type="hidden" name="Section" value="deprecation">
          <fieldset class="field-group">
            <legend>Versions</legend>
            <ul class="package-checks">
              {{#versions}}<li class="form-check"><input id="{{domID}}" name="Versions" type="checkbox" value="{{version}}"{{#selected}} checked{{/selected}}> <label for="{{domID}}">{{label}}</label></li>{{/versions}}
            </ul>
          </fieldset>
          <fieldset class="field-group">
            <legend>Reasons</legend>
            {{#reasons}}<p class="form-check"><input id="{{domID}}" name="Reasons" type="checkbox" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="{{domID}}">{{label}}</label></p>{{/reasons}}
            <p class="help">Untick every reason to remove the deprecation.</p>
          </fieldset>
          <p class="form-field"><label for="alternate-id">Alternate package</label>
            <input id="alternate-id" name="AlternatePackageId" type="text" maxlength="100" value="{{alternateID}}"></p>
          <p class="form-field"><label for="alternate-version">Alternate package version</label>
            <input id="alternate-version" name="AlternatePackageVersion" type="text" maxlength="64" aria-describedby="alternate-version-help">
            <span id="alternate-version-help" class="help">Leave empty for the latest version.</span></p>
          <p class="form-field"><label for="deprecation-message">Custom message</label>
            <textarea id="deprecation-message" name="Message" rows="3" maxlength="4000">{{deprecationMessage}}</textarea></p>
          <p><button type="submit" class="button button-primary">Save</button></p>
        </form>
      </section>
      <section class="account-section" id="listing" aria-labelledby="listing-heading">
        <h2 id="listing-heading">Listing</h2>
        <form class="account-form" method="post" action="{{actionURL}}">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <input type="hidden" name="Section" value="listing">
          <p class="form-field"><label for="listing-version">Version</label>
            <select id="listing-version" name="Version">{{#versions}}<option value="{{version}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/versions}}</select></p>
          <p class="form-check"><input id="listed" name="Listed" type="checkbox" value="true"{{#listed}} checked{{/listed}} aria-describedby="listed-help"> <label for="listed">List in search results</label></p>
          <p id="listed-help" class="help">Unlisted versions do not appear in search results or in the version list, but can still be installed by their exact version number, so restores keep working. Versions cannot be deleted.</p>
          <p><button type="submit" class="button button-primary">Save</button></p>
        </form>
      </section>
      <section class="account-section" id="documentation" aria-labelledby="documentation-heading">
        <h2 id="documentation-heading">Documentation</h2>
        {{#readmeReplaced}}<p>Version {{version}} shows a README replaced by its owners.</p>{{/readmeReplaced}}
        {{^readmeReplaced}}
        {{#hasReadme}}<p>Version {{version}} shows the README packed in its <code>.nupkg</code>.</p>{{/hasReadme}}
        {{^hasReadme}}<p>Version {{version}} has no README; the package page shows its description.</p>{{/hasReadme}}
        {{/readmeReplaced}}
        <form class="account-form" method="post" action="{{readmeActionURL}}" enctype="multipart/form-data">
          <input type="hidden" name="Section" value="replace-readme">
          <p class="form-field"><label for="readme-markdown">README (Markdown)</label>
            <textarea id="readme-markdown" name="ReadmeMarkdown" rows="12" aria-describedby="readme-help{{#readmeError}} readme-error{{/readmeError}}"{{#readmeError}} aria-invalid="true"{{/readmeError}}>{{readmeText}}</textarea>
            <span id="readme-help" class="help">UTF-8 Markdown, at most 1 MB. It replaces the README of version {{version}} on the package page and for NuGet clients. Raw HTML is left out and images are not loaded.</span>
            {{#readmeError}}<span id="readme-error" class="form-error">{{readmeError}}</span>{{/readmeError}}</p>
          <p class="form-field"><label for="readme-file">Or upload a .md file</label>
            <input id="readme-file" name="ReadmeFile" type="file" accept=".md,.markdown,text/markdown" aria-describedby="readme-file-help">
            <span id="readme-file-help" class="help">A chosen file is used instead of the text above.</span></p>
          <p><button type="submit" class="button button-primary">Save</button></p>
        </form>
        {{#readmeReplaced}}
        <form class="account-form" method="post" action="{{readmeActionURL}}" enctype="multipart/form-data">
          <input type="hidden" name="Section" value="revert-readme">
          <p><button type="submit" class="button">Revert to the package's README</button></p>
        </form>
        {{/readmeReplaced}}
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
