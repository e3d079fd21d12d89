extension Templates {
    /// The desk's templates (issue 16), registered by `WebGallery.makeLibrary`.
    static let desk: [(String, String)] = [
        ("report", report), ("contactOwners", contactOwners), ("policy", policy), ("adminHome", adminHome),
        ("adminSupport", adminSupport), ("adminDelete", adminDelete), ("adminAccounts", adminAccounts),
        ("adminReservations", adminReservations), ("adminListing", adminListing), ("adminAudit", adminAudit),
    ]

    /// "Report abuse" (anonymous too) and the owners' "Contact support": "Reason", "Email" (anonymous only),
    /// "Details", "I have already tried to contact the owner" (abuse only), "Send me a copy", "Report".
    static let report = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page desk-page">
      <h1>{{heading}}</h1>
      <p>Package: <a href="{{packageURL}}">{{id}} {{version}}</a></p>
      {{#abuse}}
      <p>Use this form to tell the operators of this site that the package breaks the <a href="/policies/Terms">terms of use</a>.
        For a bug or a question, <a href="{{contactURL}}">contact the owners</a> instead.</p>
      {{/abuse}}
      {{^abuse}}<p>Ask the operators of this site for help with your own package (for example to remove a version published by mistake).</p>{{/abuse}}
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      <form class="account-form" method="post" action="{{action}}">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-field"><label for="reason">Reason</label>
          <select id="reason" name="Reason" required>
            <option value="">Choose a reason</option>
            {{#reasons}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/reasons}}
          </select></p>
        {{#anonymous}}
        <p class="form-field"><label for="email">Email</label>
          <input id="email" name="Email" type="email" autocomplete="email" required maxlength="255" value="{{email}}" aria-describedby="email-help">
          <span id="email-help" class="help">The operators reply to this address.</span></p>
        {{/anonymous}}
        <p class="form-field"><label for="details">Details</label>
          <textarea id="details" name="Details" rows="8" required maxlength="4000" aria-describedby="details-help">{{details}}</textarea>
          <span id="details-help" class="help">Where in the package is the problem? 4000 characters at most.</span></p>
        {{#abuse}}
        <p class="form-check"><input id="contacted" name="ContactedOwner" type="checkbox"{{#contactedOwner}} checked{{/contactedOwner}}>
          <label for="contacted">I have already tried to contact the owner</label></p>
        {{/abuse}}
        <p class="form-check"><input id="copy" name="CopySender" type="checkbox"{{#sendCopy}} checked{{/sendCopy}}>
          <label for="copy">Send me a copy</label></p>
        <p><button type="submit" class="button button-primary">Report</button></p>
      </form>
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// "Contact owners": "Message", "Send me a copy", "Send"; owners' addresses are never shown.
    static let contactOwners = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow account-page desk-page">
      <h1>Contact the owners of {{id}}</h1>
      <p>Package: <a href="{{packageURL}}">{{id}} {{version}}</a></p>
      {{#error}}<p class="form-error" role="alert">{{error}}</p>{{/error}}
      {{^hasOwners}}<p class="notice notice-warning">This package has no owners: it is not maintained.</p>{{/hasOwners}}
      {{#hasOwners}}
      {{^hasReachable}}<p class="notice notice-info">None of the owners accepts messages. Try the project's website instead.</p>{{/hasReachable}}
      {{#hasReachable}}
      <p>To: {{#reachable}}<a href="/profiles/{{.}}">{{.}}</a> {{/reachable}}</p>
      <p class="notice notice-info">Your email address ({{senderEmail}}) is disclosed to the owners so they can reply to you. Their addresses are not shown to you.</p>
      {{^confirmed}}<p class="notice notice-warning">Confirm your email address before contacting owners: follow the link in the mail we sent you.</p>{{/confirmed}}
      {{#confirmed}}
      <form class="account-form" method="post" action="{{action}}">
        <input type="hidden" name="__RequestVerificationToken" value="{{csrf}}">
        <p class="form-field"><label for="message">Message</label>
          <textarea id="message" name="Message" rows="8" required maxlength="4000">{{message}}</textarea></p>
        <p class="form-check"><input id="copy" name="CopySender" type="checkbox"{{#sendCopy}} checked{{/sendCopy}}>
          <label for="copy">Send me a copy</label></p>
        <p><button type="submit" class="button button-primary">Send</button></p>
      </form>
      {{/confirmed}}
      {{/hasReachable}}
      {{/hasOwners}}
    </div>
    {{/main}}
    {{/layout}}
    """#

    /// `/policies/{Contact,Terms,Privacy}`: the operator's text (Markdown, rendered safe).
    static let policy = #"""
    {{<layout}}
    {{$main}}
    <div class="wrap narrow desk-page">
      <h1>{{title}}</h1>
      <div class="markdown">{{{html}}}</div>
    </div>
    {{/main}}
    {{/layout}}
    """#
}
