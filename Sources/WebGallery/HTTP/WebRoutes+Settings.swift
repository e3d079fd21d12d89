import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// Forgot password and the mailed reset link (anonymous).
    func registerPasswordReset(on router: Router<Context>) {
        let web = self.web
        router.get("/account/ForgotPassword") { request, _ -> Response in
            guard web.accounts.passwordSignIn else { return Self.passwordsOff(web, request: request) }
            return HTMLResponse.page(web.forgotPasswordPage(), request: request)
        }
        router.post("/account/ForgotPassword") { request, _ -> Response in
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            guard web.accounts.passwordSignIn else { return Self.passwordsOff(web, request: request) }
            // The same answer for every address: the page never tells who has an account.
            try await web.accounts.requestPasswordReset(email: form["Email"] ?? "")
            return HTMLResponse.page(web.forgotPasswordPage(sent: true), request: request)
        }
        router.get("/account/ResetPassword") { request, _ -> Response in
            guard web.accounts.passwordSignIn else { return Self.passwordsOff(web, request: request) }
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            return HTMLResponse.page(web.resetPasswordPage(token: token), request: request)
        }
        router.post("/account/ResetPassword") { request, _ -> Response in
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            let token = form["Token"] ?? ""
            do {
                let user = try await web.accounts.resetPassword(
                    token: token, password: form["NewPassword"] ?? "", confirmation: form["ConfirmPassword"] ?? "")
                var response = HTMLResponse.page(web.messagePage(
                    title: "Password changed", heading: "Your password is changed",
                    message: "\(user.name), sign in with your new password. Every earlier session has ended."), request: request)
                // Whoever opened the link in this browser is signed out too.
                response.headers.append(HTTPField(
                    name: .setCookie, value: WebCookies.setCookie(WebCookies.session, "", secure: web.secureCookies, maxAge: 0)))
                return response
            } catch let error as GalleryError {
                return HTMLResponse.page(web.resetPasswordPage(token: token, error: error.message), status: .badRequest, request: request)
            }
        }
    }

    /// `/account`: email (changed by a mailed link), notification preferences, password.
    func registerSettings(on router: Router<Context>) {
        let web = self.web
        router.get("/account") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let notice: String? = switch request.uri.queryParameters["changed"].map(String.init) {
            case "password": "Your password is changed. Every other session has ended."
            case "email-requested": "We mailed a link to the new address: the change happens when you open it."
            case "preferences": "Your notification preferences are saved."
            case "login-linked": "The login is linked: you can sign in with it from now on."
            case "login-unlinked": "The login is unlinked."
            default: nil
            }
            return HTMLResponse.page(try await web.accountSettingsPage(principal, notice: notice), request: request)
        }
        router.post("/account/ChangePassword") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                let renewed = try await web.accounts.changePassword(
                    current: form["OldPassword"] ?? "", new: form["NewPassword"] ?? "", confirmation: form["ConfirmPassword"] ?? "",
                    by: principal)
                return Self.signedIn(renewed, web: web, to: "/account?changed=password")
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    try await web.accountSettingsPage(principal, error: error.message), status: .badRequest, request: request)
            }
        }
        router.post("/account/ChangeEmail") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                try await web.accounts.requestEmailChange(to: form["NewEmail"] ?? "", by: principal)
                return HTMLResponse.redirect(to: "/account?changed=email-requested", status: .seeOther)
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    try await web.accountSettingsPage(principal, error: error.message), status: .badRequest, request: request)
            }
        }
        router.post("/account/Preferences") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            try await web.accounts.savePreferences(
                allowsContact: form["AllowContact"] == "on", notifyOnPublish: form["NotifyOnPublish"] == "on", by: principal)
            return HTMLResponse.redirect(to: "/account?changed=preferences", status: .seeOther)
        }
        // The link mailed to a new address (a GET, as mail clients open it; single use).
        router.get("/account/ConfirmEmailChange") { request, _ -> Response in
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            guard let user = try await web.accounts.confirmEmailChange(token: token) else {
                return HTMLResponse.page(web.messagePage(
                    title: "Confirmation failed", heading: "This link does not work",
                    message: "The link is unknown, was used already, or is more than 24 hours old."), status: .badRequest, request: request)
            }
            return HTMLResponse.page(web.messagePage(
                title: "Email changed", heading: "Your email address is changed",
                message: "\(user.name), mail now goes to \(user.email)."), request: request)
        }
    }
}
