import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// Register, sign in and sign out (nuget.org's paths under `/users/account/`).
    func registerAccounts(on router: Router<Context>) {
        let web = self.web
        router.get("/users/account/LogOn") { request, _ -> Response in
            if WebVisitor.current?.principal != nil { return HTMLResponse.redirect(to: "/") }
            let back = WebForm.localReturnURL(request.uri.queryParameters["ReturnUrl"].map(String.init))
            return HTMLResponse.page(web.logOnPage(returnURL: back), request: request)
        }
        router.post("/users/account/LogOn") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            let back = WebForm.localReturnURL(form["ReturnUrl"])
            let login = form["UserNameOrEmail"] ?? ""
            do {
                let signIn = try await web.accounts.signIn(login: login, password: form["Password"] ?? "", address: web.clientAddresses.address(of: request, peer: context.clientAddress))
                return Self.signedIn(signIn, web: web, to: back)
            } catch let throttled as SignInThrottled {
                var response = HTMLResponse.page(
                    web.logOnPage(returnURL: back, login: login, error: throttled.message), status: .tooManyRequests, request: request)
                response.headers[.retryAfter] = String(throttled.retryAfterSeconds)
                return response
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    web.logOnPage(returnURL: back, login: login, error: error.message), status: .unauthorized, request: request)
            }
        }
        router.get("/users/account/Register") { request, _ -> Response in
            if WebVisitor.current?.principal != nil { return HTMLResponse.redirect(to: "/") }
            guard web.accounts.passwordSignIn else { return Self.passwordsOff(web, request: request) }
            return HTMLResponse.page(web.registerPage(), request: request)
        }
        router.post("/users/account/Register") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            let name = (form["Username"] ?? "").trimmingCharacters(in: .whitespaces)
            let email = (form["EmailAddress"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = form["Password"] ?? ""
            do {
                _ = try await web.accounts.register(name: name, email: email, password: password)
                let signIn = try await web.accounts.signIn(login: name, password: password, address: web.clientAddresses.address(of: request, peer: context.clientAddress))
                return Self.signedIn(signIn, web: web, to: "/")
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    web.registerPage(username: name, email: email, error: error.message), status: .badRequest, request: request)
            }
        }
        // The mailed confirmation link (a GET, as mail clients open it; the token is single-use).
        router.get("/account/Confirm") { request, _ -> Response in
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            guard let user = try await web.accounts.confirmEmail(token: token) else {
                return HTMLResponse.page(web.messagePage(
                    title: "Confirmation failed", heading: "This link does not work",
                    message: "The confirmation link is unknown, was used already, or is more than 24 hours old."),
                    status: .badRequest, request: request)
            }
            return HTMLResponse.page(web.messagePage(
                title: "Email confirmed", heading: "Your email address is confirmed",
                message: "Thank you, \(user.name). You can now create API keys and push packages."), request: request)
        }
        router.post("/users/account/LogOff") { request, _ -> Response in
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            if let visitor = WebVisitor.current, let id = visitor.sessionID, let principal = visitor.principal {
                try await web.accounts.signOut(id: id, principal: principal)
            }
            var response = HTMLResponse.redirect(to: "/")
            response.headers.append(HTTPField(
                name: .setCookie, value: WebCookies.setCookie(WebCookies.session, "", secure: web.secureCookies, maxAge: 0)))
            return response
        }
    }

    /// `/account/apikeys`: list, create, regenerate, revoke (signed in; creating needs a confirmed email).
    func registerAPIKeys(on router: Router<Context>) {
        let web = self.web
        router.get("/account/apikeys") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            return HTMLResponse.page(try await web.apiKeysPage(principal), request: request)
        }
        router.post("/account/apikeys") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                guard try await web.accounts.isEmailConfirmed(principal.user) else {
                    throw GalleryError.forbidden("Confirm your email address before creating API keys.")
                }
                var scopes: [APIKeyScope] = []
                if form["Push"] == "on" { scopes.append(form["PushKind"] == "push-versions" ? .pushVersions : .push) }
                if form["Unlist"] == "on" { scopes.append(.unlist) }
                let name = (form["Name"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw GalleryError.badRequest("Give the key a name.") }
                let glob = (form["GlobPattern"] ?? "").trimmingCharacters(in: .whitespaces)
                let created = try await web.administration.createAPIKey(
                    userName: principal.user.name, ownerName: form["Owner"], name: name, scopes: scopes,
                    globs: glob.isEmpty ? [] : [glob], packageIDs: form.values("PackageIds"),
                    expiresInDays: Int(form["ExpiresInDays"] ?? "") ?? 365, by: principal)
                return HTMLResponse.page(
                    try await web.apiKeysPage(principal, newKey: (created.record.name, created.secret)), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(try await web.apiKeysPage(principal, error: error.message), status: .badRequest, request: request)
            }
        }
        for action in ["regenerate", "revoke", "edit", "delete"] {
            router.post(RouterPath("/account/apikeys/" + action)) { request, _ -> Response in
                guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
                let form = try await WebForm.read(request)
                guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
                do {
                    // By numeric key, among the signed-in person's own keys only.
                    guard let key = form["Key"], let keyNumber = Int64(key),
                          let record = try await web.gallery.store.apiKey(key: keyNumber), record.userKey == principal.user.key
                    else { throw GalleryError.notFound("There is no such API key.") }
                    switch action {
                    case "revoke":
                        try await web.gallery.accounts.revokeAPIKey(userName: principal.user.name, keyName: key, by: principal)
                        return HTMLResponse.redirect(to: "/account/apikeys", status: .seeOther)
                    case "delete":
                        try await web.gallery.accounts.deleteAPIKey(userName: principal.user.name, keyName: key, by: principal)
                        return HTMLResponse.redirect(to: "/account/apikeys", status: .seeOther)
                    case "edit":
                        let globs = (form["GlobPattern"] ?? "").split(separator: " ").map(String.init)
                        try await web.gallery.accounts.editAPIKeySelection(
                            userName: principal.user.name, keyName: key, globs: globs, packageIDs: form.values("PackageIds-" + key), by: principal)
                        return HTMLResponse.page(
                            try await web.apiKeysPage(principal, notice: "The packages of the API key \"\(record.name)\" are saved."), request: request)
                    default: break
                    }
                    let regenerated = try await web.gallery.accounts.regenerateAPIKey(userName: principal.user.name, keyName: key, by: principal)
                    return HTMLResponse.page(
                        try await web.apiKeysPage(principal, newKey: (regenerated.record.name, regenerated.secret)), request: request)
                } catch let error as GalleryError {
                    return HTMLResponse.page(try await web.apiKeysPage(principal, error: error.message), status: .badRequest, request: request)
                }
            }
        }
    }

    /// Pages for signed-in people send others to sign in, and back.
    static func signInFirst(_ request: Request) -> Response {
        let back = request.method == .get ? request.uri.description : "/account/apikeys"
        return HTMLResponse.redirect(to: "/users/account/LogOn?ReturnUrl=" + WebForm.queryEscape(back))
    }

    /// The session cookie, and back to where the visitor came from (a local path only).
    static func signedIn(_ signIn: WebSignIn, web: WebGallery, to location: String) -> Response {
        var response = HTMLResponse.redirect(to: location, status: .seeOther)
        response.headers.append(HTTPField(
            name: .setCookie,
            value: WebCookies.setCookie(WebCookies.session, signIn.sessionID, secure: web.secureCookies,
                                        maxAge: Int(web.accounts.sessionLifetime))))
        return response
    }

    /// A form without its token, or sent from another site.
    static func formRefused(_ web: WebGallery, request: Request) -> Response {
        HTMLResponse.page(web.formRefusedPage(), status: .forbidden, request: request)
    }
}
