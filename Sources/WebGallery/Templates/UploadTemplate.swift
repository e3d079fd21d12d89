extension Templates {
    /// `/packages/manage/upload` (gallery.md §1.12): "Upload" (a `.nupkg` file), then "Verify" (the package's
    /// metadata, the owner, "List in search results") with Submit and Cancel. Works without script.
    static let upload = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page manage-page">
      <h1>Upload package</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      {{^confirmed}}<p class="notice notice-warning">Confirm your email address before uploading packages: follow the link in the mail we sent you.</p>{{/confirmed}}
      {{#confirmed}}
      {{^preview}}
      <section class="account-section" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload</h2>
        <form class="account-form" method="post" action="/packages/manage/upload?__RequestVerificationToken={{csrf}}" enctype="multipart/form-data">
          <p class="form-field"><label for="package-file">Package file</label>
            <input id="package-file" name="package" type="file" accept=".nupkg" required aria-describedby="package-file-help">
            <span id="package-file-help" class="help">A <code>.nupkg</code> of at most {{maxSize}}. The same rules apply as to <code>dotnet nuget push</code>; you review it before it is published.</span></p>
          <p><button type="submit" class="button button-primary">Upload</button></p>
        </form>
      </section>
      {{/preview}}
      {{#preview}}
      <section class="account-section" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Verify</h2>
        <dl class="key-facts upload-facts">
          <dt>Package ID</dt><dd>{{id}}</dd>
          <dt>Version</dt><dd>{{version}}</dd>
          {{#title}}<dt>Title</dt><dd>{{title}}</dd>{{/title}}
          {{#authors}}<dt>Authors</dt><dd>{{authors}}</dd>{{/authors}}
          <dt>Size</dt><dd>{{packageSize}}</dd>
          <dt>License</dt><dd>{{#license}}{{#parts}}{{#url}}<a href="{{url}}" rel="nofollow noopener">{{text}}</a>{{/url}}{{^url}}<span>{{text}}</span>{{/url}}{{/parts}}{{/license}}{{#hasLicenseFile}}A license file in the package{{/hasLicenseFile}}{{#licenseURL}}<a href="{{licenseURL}}" rel="nofollow noopener">{{licenseURL}}</a>{{/licenseURL}}</dd>
          {{#projectURL}}<dt>Project website</dt><dd><a href="{{projectURL}}" rel="nofollow noopener">{{projectURL}}</a></dd>{{/projectURL}}
          {{#tags}}<dt>Tags</dt><dd>{{tags}}</dd>{{/tags}}
          {{^isNewID}}<dt>Owners</dt><dd>{{existingOwners}}</dd>{{/isNewID}}
        </dl>
        <h3>Description</h3>
        <p class="description-text">{{description}}</p>
        <h3>Dependencies</h3>
        {{#hasDependencyGroups}}
        {{#dependencyGroups}}
        <h4 class="dependency-group">{{framework}}</h4>
        {{#hasDependencies}}<ul class="dependency-list">{{#dependencies}}<li>{{id}} <span class="range">{{range}}</span></li>{{/dependencies}}</ul>{{/hasDependencies}}
        {{^hasDependencies}}<p class="muted">No dependencies.</p>{{/hasDependencies}}
        {{/dependencyGroups}}
        {{/hasDependencyGroups}}
        {{^hasDependencyGroups}}<p>This package has no dependencies.</p>{{/hasDependencyGroups}}
        {{#hasWarnings}}
        <div class="notice notice-warning"><p class="notice-title">Warnings</p><ul>{{#warnings}}<li>{{.}}</li>{{/warnings}}</ul></div>
        {{/hasWarnings}}
        {{#readmeHTML}}<h3>README</h3><div class="markdown upload-readme">{{{readmeHTML}}}</div>{{/readmeHTML}}
        <form class="account-form" method="post" action="/packages/manage/upload/submit">
          <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
          {{#isNewID}}
          <p class="form-field"><label for="upload-owner">Package owner</label>
            <select id="upload-owner" name="Owner">{{#ownerChoices}}<option value="{{.}}">{{.}}</option>{{/ownerChoices}}</select></p>
          {{/isNewID}}
          <p class="form-check"><input id="upload-listed" name="Listed" type="checkbox" value="true" checked> <label for="upload-listed">List in search results</label></p>
          <p><button type="submit" class="button button-primary">Submit</button></p>
        </form>
        <form method="post" action="/packages/manage/upload/cancel"><input type="hidden" name="__RequestVerificationToken" value="{{csrf}}"><button type="submit" class="button">Cancel</button></form>
      </section>
      {{/preview}}
      {{/confirmed}}
    </div>
    {{/main}}
    {{/layout}}
    """#
}
