extension Templates {
    /// `/account/trustedpublishing` (gallery.md §1.8): "Create" (Policy name, Package owner, CI/CD provider with the
    /// GitHub and GitLab fields, scopes, packages) and "Manage" (each policy with Delete). Without script both
    /// providers' fields show; the chosen provider's are used.
    static let trustedPublishing = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page">
      <h1>Trusted Publishing</h1>
      <p>A CI workflow exchanges its OpenID Connect token at <code>/api/v2/token</code> for an API key that lives 15 minutes, so no long-lived key is stored in the CI system.</p>
      {{#notice}}<p class="notice notice-info" role="status">{{notice}}</p>{{/notice}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <section class="account-section" aria-labelledby="create-heading">
        <h2 id="create-heading">Create</h2>
        <form class="account-form" method="post" action="/account/trustedpublishing">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          <p class="form-field"><label for="policy-name">Policy name</label>
            <input id="policy-name" name="Name" type="text" required maxlength="64"></p>
          <p class="form-field"><label for="policy-owner">Package owner</label>
            <select id="policy-owner" name="Owner">{{#owners}}<option value="{{.}}">{{.}}</option>{{/owners}}</select></p>
          <p class="form-field"><label for="policy-provider">CI/CD provider</label>
            <select id="policy-provider" name="Provider"><option value="github">GitHub Actions</option><option value="gitlab">GitLab CI/CD</option></select></p>
          <fieldset class="field-group">
            <legend>GitHub Actions</legend>
            <p class="form-field"><label for="repo-owner">Repository owner</label><input id="repo-owner" name="RepositoryOwner" type="text" maxlength="100"></p>
            <p class="form-field"><label for="repo-name">Repository</label><input id="repo-name" name="Repository" type="text" maxlength="100"></p>
            <p class="form-field"><label for="workflow-file">Workflow file</label><input id="workflow-file" name="WorkflowFile" type="text" maxlength="100" placeholder="release.yml"></p>
            <p class="form-field"><label for="environment">Environment</label><input id="environment" name="Environment" type="text" maxlength="100"></p>
          </fieldset>
          <fieldset class="field-group">
            <legend>GitLab CI/CD</legend>
            <p class="form-field"><label for="project-path">Project path</label><input id="project-path" name="ProjectPath" type="text" maxlength="200" placeholder="group/project"></p>
            <p class="form-field"><label for="gitlab-environment">GitLab environment</label><input id="gitlab-environment" name="GitLabEnvironment" type="text" maxlength="100"></p>
            <p class="form-field"><label for="branch">Branch</label><input id="branch" name="Branch" type="text" maxlength="100"></p>
          </fieldset>
          <fieldset class="field-group">
            <legend>Select scopes</legend>
            <p class="form-check"><input id="tp-push" name="Push" type="checkbox" value="on" checked> <label for="tp-push">Push</label></p>
            <fieldset class="sub-choices">
              <legend class="visually-hidden">What Push allows</legend>
              <p class="form-check"><input id="tp-push-new" name="PushKind" type="radio" value="push" checked> <label for="tp-push-new">Push new packages and package versions</label></p>
              <p class="form-check"><input id="tp-push-versions" name="PushKind" type="radio" value="push-versions"> <label for="tp-push-versions">Push only new package versions</label></p>
            </fieldset>
            <p class="form-check"><input id="tp-unlist" name="Unlist" type="checkbox" value="on"> <label for="tp-unlist">Unlist package</label></p>
          </fieldset>
          <p class="form-field"><label for="tp-globs">Glob patterns</label>
            <textarea id="tp-globs" name="Globs" rows="2" aria-describedby="tp-globs-help"></textarea>
            <span id="tp-globs-help" class="help">One package ID or pattern per line; empty for every package of the owner.</span></p>
          <p><button type="submit" class="button button-primary">Create</button></p>
        </form>
      </section>
      <section class="account-section" aria-labelledby="manage-heading">
        <h2 id="manage-heading">Manage</h2>
        {{^hasPolicies}}<p class="empty">No trusted publishing policy yet.</p>{{/hasPolicies}}
        {{#hasPolicies}}
        <ul class="key-list">
          {{#policies}}
          <li class="key-item">
            <h3>{{name}}</h3>
            <dl class="key-facts">
              <dt>Package owner</dt><dd>{{owner}}</dd>
              <dt>Provider</dt><dd>{{provider}}</dd>
              <dt>Workflow</dt><dd>{{details}}</dd>
              <dt>Scopes</dt><dd>{{scopes}}</dd>
              <dt>Packages</dt><dd>{{packages}}</dd>
              <dt>Status</dt><dd>{{#pinned}}Used: pinned to {{pinned}}{{/pinned}}{{^pinned}}Not used yet{{/pinned}}</dd>
            </dl>
            <div class="key-actions">
              <form method="post" action="/account/trustedpublishing/delete"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><input type="hidden" name="Key" value="{{key}}"><button type="submit" class="button button-danger" aria-label="Delete {{name}}">Delete</button></form>
            </div>
          </li>
          {{/policies}}
        </ul>
        {{/hasPolicies}}
      </section>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
