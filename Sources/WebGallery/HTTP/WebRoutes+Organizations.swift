import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// `/account/Organizations`, `/organization/add`, `/organization/{name}/ManageOrganization` (gallery.md §1.9).
    func registerOrganizations(on router: Router<Context>) {
        let web = self.web
        router.get("/account/Organizations") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            return HTMLResponse.page(try await web.organizationsPage(principal), request: request)
        }
        router.post("/account/Organizations") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            let organization = form["Organization"] ?? ""
            do {
                let accept = form["Action"] == "accept"
                guard accept || form["Action"] == "decline" else { throw GalleryError.badRequest("The form does not name an action.") }
                try await web.administration.answerInvitation(organizationName: organization, accept: accept, by: principal)
                let notice = accept ? "You joined \(organization)." : "You declined the invitation to \(organization)."
                // The principal's memberships changed: render with the fresh ones.
                let fresh = try await web.gallery.authorizer.signedIn(principal.user)
                return HTMLResponse.page(try await web.organizationsPage(fresh, notice: notice), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(try await web.organizationsPage(principal, error: error.message), status: error.httpError.status, request: request)
            }
        }
        router.get("/organization/add") { request, _ -> Response in
            guard WebVisitor.current?.principal != nil else { return Self.signInFirst(request) }
            return HTMLResponse.page(web.addOrganizationPage(), request: request)
        }
        router.post("/organization/add") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            let name = (form["OrganizationName"] ?? "").trimmingCharacters(in: .whitespaces)
            let email = (form["OrganizationEmailAddress"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                guard !email.isEmpty else { throw GalleryError.badRequest("Enter the organization's email address.") }
                let organization = try await web.administration.createOrganization(
                    name: name, email: email, adminName: principal.user.name, by: principal)
                return HTMLResponse.redirect(
                    to: "/organization/" + Format.pathSegment(organization.name) + "/ManageOrganization", status: .seeOther)
            } catch let error as GalleryError {
                return HTMLResponse.page(web.addOrganizationPage(name: name, email: email, error: error.message), status: error.httpError.status, request: request)
            }
        }
        router.get("/organization/:name/ManageOrganization") { request, context -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let name = try context.parameters.require("name")
            do {
                return HTMLResponse.page(try await web.manageOrganizationPage(name: name, by: principal), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    web.messagePage(title: "Organization", heading: "You cannot manage this organization", message: error.message),
                    status: error.httpError.status, request: request)
            }
        }
        router.post("/organization/:name/ManageOrganization") { request, context -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let name = try context.parameters.require("name")
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                if form["Action"] == "delete" {
                    try await web.administration.deleteOrganization(name: name, by: principal)
                    let fresh = try await web.gallery.authorizer.signedIn(principal.user)
                    return HTMLResponse.page(try await web.organizationsPage(fresh, notice: "The organization \(name) is deleted."), request: request)
                }
                let notice = try await web.manageOrganization(name: name, form: form, by: principal)
                let fresh = try await web.gallery.authorizer.signedIn(principal.user)
                guard (try? await web.administration.organization(named: name, by: fresh)) != nil else {
                    // The person left the organization: back to the list.
                    return HTMLResponse.page(try await web.organizationsPage(fresh, notice: notice), request: request)
                }
                return HTMLResponse.page(try await web.manageOrganizationPage(name: name, by: fresh, notice: notice), request: request)
            } catch let error as GalleryError {
                guard error.kind == .invalid || error.kind == .notFound,
                      let page = try? await web.manageOrganizationPage(name: name, by: principal, error: error.message) else {
                    return HTMLResponse.page(
                        web.messagePage(title: "Organization", heading: "You cannot manage this organization", message: error.message),
                        status: error.httpError.status, request: request)
                }
                return HTMLResponse.page(page, status: error.httpError.status, request: request)
            }
        }
    }
}
