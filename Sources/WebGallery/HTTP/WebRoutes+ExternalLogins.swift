import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// OpenID Connect sign-in: start, the provider's callback, the first sign-in's username page, and unlinking
    /// on `/account`.
    func registerExternalLogins(on router: Router<Context>) {
        let web = self.web
        // A GET form with a button per provider (FormActionMiddleware lets the pages' forms redirect to the providers'
        // origins); it carries the page's CSRF token like every form, so another site cannot start (or link) a flow.
        router.get("/users/account/oidc/start") { request, _ -> Response in
            let form = WebForm.parse(request.uri.query ?? "")
            guard form.isTrusted(request), let visitor = WebVisitor.current else { return Self.formRefused(web, request: request) }
            guard let external = web.externalSignIn else { return Self.noProviders(web, request: request) }
            // Signed in, the flow links the login to the account (from /account); otherwise it signs in.
            let linking = form["Link"] == "1" ? visitor.principal : nil
            if visitor.principal != nil && linking == nil { return HTMLResponse.redirect(to: "/", status: .seeOther) }
            do {
                let url = try await external.start(
                    providerID: form["Provider"] ?? "", returnURL: WebForm.localReturnURL(form["ReturnUrl"]),
                    binding: visitor.csrfToken, linking: linking)
                return HTMLResponse.redirect(to: url, status: .seeOther)
            } catch let error as GalleryError {
                return Self.signInFailed(web, error, request: request)
            }
        }
        router.get("/users/account/oidc/callback") { request, _ -> Response in
            guard let external = web.externalSignIn, let visitor = WebVisitor.current else { return Self.noProviders(web, request: request) }
            let query = request.uri.queryParameters
            let state = query["state"].map(String.init) ?? ""
            if let refusal = query["error"].map(String.init) {
                // The person said no at the provider, or it refused: the flow ends here.
                _ = try? await external.complete(state: state, code: "", binding: "", signedIn: nil)
                return HTMLResponse.page(web.messagePage(
                    title: "Sign-in cancelled", heading: "You are not signed in",
                    message: "The provider did not sign you in (\(refusal.prefix(100))). Start again from the sign-in page."),
                    status: .unauthorized, request: request)
            }
            do {
                let outcome = try await external.complete(
                    state: state, code: query["code"].map(String.init) ?? "", binding: visitor.csrfToken, signedIn: visitor.principal)
                switch outcome {
                case .signedIn(let signIn, let back):
                    return Self.signedIn(signIn, web: web, to: WebForm.localReturnURL(back))
                case .chooseUsername(let token, let name, let email, let verified, let provider):
                    return HTMLResponse.page(web.oidcRegisterPage(
                        token: token, provider: provider, username: name, email: email, emailVerified: verified), request: request)
                case .linked:
                    return HTMLResponse.redirect(to: "/account?changed=login-linked", status: .seeOther)
                }
            } catch let error as GalleryError {
                if let principal = visitor.principal, error.kind == .invalid {
                    return HTMLResponse.page(
                        try await web.accountSettingsPage(principal, error: error.message), status: .badRequest, request: request)
                }
                return Self.signInFailed(web, error, request: request)
            }
        }
        router.post("/users/account/oidc/register") { request, context -> Response in
            let form = try await WebForm.read(request)
            guard form.isTrusted(request), let visitor = WebVisitor.current else { return Self.formRefused(web, request: request) }
            guard let external = web.externalSignIn else { return Self.noProviders(web, request: request) }
            let name = (form["Username"] ?? "").trimmingCharacters(in: .whitespaces)
            let email = (form["EmailAddress"] ?? "").trimmingCharacters(in: .whitespaces)
            let token = form["Token"] ?? ""
            do {
                let signIn = try await external.register(token: token, username: name, email: email, binding: visitor.csrfToken)
                return Self.signedIn(signIn, web: web, to: "/")
            } catch let error as GalleryError where error.kind == .invalid {
                return HTMLResponse.page(web.oidcRegisterPage(
                    // The provider's name and the verified mark only word the page again; the stored flow decides.
                    token: token, provider: form["ProviderName"] ?? "your provider", username: name, email: email,
                    emailVerified: form["EmailVerified"] == "true",
                    error: error.message), status: .badRequest, request: request)
            } catch let error as GalleryError {
                return Self.signInFailed(web, error, request: request)
            }
        }
        router.post("/account/logins/unlink") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                guard let external = web.externalSignIn else { throw GalleryError.notFound("No sign-in provider is configured.") }
                try await external.unlink(issuer: form["Issuer"] ?? "", subject: form["Subject"] ?? "", by: principal)
                return HTMLResponse.redirect(to: "/account?changed=login-unlinked", status: .seeOther)
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    try await web.accountSettingsPage(principal, error: error.message), status: .badRequest, request: request)
            }
        }
    }

    /// A flow that cannot go on: the provider is down (503, at once, with its name) or the sign-in was refused.
    static func signInFailed(_ web: WebGallery, _ error: GalleryError, request: Request) -> Response {
        let unavailable = error.kind == .unavailable
        return HTMLResponse.page(web.messagePage(
            title: unavailable ? "Provider unreachable" : "Sign-in failed",
            heading: unavailable ? "The sign-in provider cannot be reached" : "You are not signed in",
            message: error.message), status: unavailable ? .serviceUnavailable : (error.kind == .notFound ? .notFound : .unauthorized),
            request: request)
    }

    static func noProviders(_ web: WebGallery, request: Request) -> Response {
        HTMLResponse.page(web.messagePage(
            title: "Not available", heading: "No sign-in provider", message: "This site signs in with passwords only."),
            status: .notFound, request: request)
    }

    /// Register and password reset when the site turned passwords off.
    static func passwordsOff(_ web: WebGallery, request: Request) -> Response {
        HTMLResponse.page(web.messagePage(
            title: "Password sign-in is off", heading: "Password sign-in is turned off",
            message: WebAccounts.passwordSignInOff.message + " Accounts are made at the first sign-in with a provider."),
            status: .notFound, request: request)
    }
}
