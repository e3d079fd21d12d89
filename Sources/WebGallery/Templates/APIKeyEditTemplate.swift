extension Templates {
    /// `/account/apikeys/{key}/Edit`: one key's facts and its package selection ("Glob pattern" and one checkbox
    /// per package labelled with its id, spliced in at `packagePicker`), saved with "Save". Only the selection
    /// can change, as on nuget.org.
    static let apiKeyEdit = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap account-page">
      <p><a href="/account/apikeys">API Keys</a></p>
      <h1>Edit API key “{{name}}”</h1>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <dl class="key-facts">
        <dt>Status</dt><dd>{{status}}</dd>
        <dt>Expires</dt><dd>{{expires}}</dd>
        <dt>Package owner</dt><dd>{{owner}}</dd>
        <dt>Scopes</dt><dd>{{scopes}}</dd>
      </dl>
      {{#editable}}
      <form class="account-form" method="post" action="/account/apikeys/{{key}}/Edit">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <fieldset class="field-group">
          <legend>Select packages</legend>
          <p class="form-field"><label for="glob">Glob pattern</label>
            <input id="glob" name="GlobPattern" type="text" value="{{glob}}" aria-describedby="glob-help">
            <span id="glob-help" class="help">Patterns separated by spaces, for example <code>Contoso.*</code>; '*' matches any characters. Leave empty and tick no package for every package of the owner.</span></p>
          {{#hasPackages}}
          <ul class="package-checks">
            {{{packagePicker}}}
          </ul>
          {{/hasPackages}}
        </fieldset>
        <p><button type="submit" class="button button-primary">Save</button> <a class="button" href="/account/apikeys">Cancel</a></p>
      </form>
      {{/editable}}
      {{^editable}}<p><a class="button" href="/account/apikeys">Back to API keys</a></p>{{/editable}}
    </div>
    {{/main}}
    {{/layout}}
    """#
}
