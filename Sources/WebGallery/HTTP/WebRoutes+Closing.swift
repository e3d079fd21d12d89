import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// `/account/delete` and `/account/transform` (with the admin's mailed confirmation link).
    func registerClosing(on router: Router<Context>) {
        let web = self.web
        router.get("/account/delete") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            return HTMLResponse.page(try await web.accountDeletePage(principal), request: request)
        }
        router.post("/account/delete") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                guard form["Understand"] == "on" else { throw GalleryError.badRequest("Tick the box to confirm you understand.") }
                try await web.accounts.deleteOwnAccount(by: principal, using: web.administration)
            } catch let error as GalleryError {
                return HTMLResponse.page(try await web.accountDeletePage(principal, error: error.message), status: .badRequest, request: request)
            }
            var response = HTMLResponse.page(web.messagePage(
                title: "Account deleted", heading: "Your account is deleted",
                message: "The account \(principal.user.name) is deleted and you are signed out. Its packages stay available."),
                request: request)
            response.headers.append(HTTPField(
                name: .setCookie, value: WebCookies.setCookie(WebCookies.session, "", secure: web.secureCookies, maxAge: 0)))
            return response
        }
        router.get("/account/transform") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            return HTMLResponse.page(web.accountTransformPage(principal), request: request)
        }
        router.post("/account/transform") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            let admin = (form["AdminUsername"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                try await web.accounts.requestTransform(adminName: admin, by: principal)
                return HTMLResponse.page(web.accountTransformPage(principal, sent: admin), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(web.accountTransformPage(principal, error: error.message), status: .badRequest, request: request)
            }
        }
        // The admin's link: a page with an Accept form (the change is a POST, never a GET a mail scanner could follow).
        router.get("/account/transform/confirm") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            guard let (account, _) = try await web.accounts.transformRequest(token: token, for: principal) else {
                return HTMLResponse.page(web.messagePage(
                    title: "Link not valid", heading: "This link does not work",
                    message: "The link is unknown, was used already, expired, or is meant for another account than \(principal.user.name)."),
                    status: .badRequest, request: request)
            }
            return HTMLResponse.page(
                web.transformConfirmPage(account: account.name, admin: principal.user.name, token: token), request: request)
        }
        router.post("/account/transform/confirm") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                let organization = try await web.accounts.acceptTransform(token: form["Token"] ?? "", by: principal, using: web.administration)
                return HTMLResponse.page(web.messagePage(
                    title: "Organization created", heading: "\(organization.name) is now an organization",
                    message: "You administer it. Its packages stay with it."), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(web.messagePage(
                    title: "Link not valid", heading: "The account was not transformed", message: error.message),
                    status: .badRequest, request: request)
            }
        }
    }
}
