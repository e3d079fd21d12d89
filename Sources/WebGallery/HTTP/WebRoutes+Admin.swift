import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes
import NuGetCore

extension WebRoutes {
    /// `/admin/*` (site admins only: `SiteAdminMiddleware` refuses everybody else first). Each POST checks the
    /// form's token, calls one domain action (which authorizes and audits) and shows the tool's page again.
    func registerAdmin(on router: Router<Context>) {
        let web = self.web
        page(router, "/admin") { request, _ in HTMLResponse.page(try await web.adminHomePage(try Self.admin()), request: request) }
        adminPost(router, "/admin/LockPackage") { form, principal in
            let id = try Self.packageID(form["PackageId"])
            let lock = form["Lock"] != "false"
            try await web.administration.setPackageLocked(id, locked: lock, by: principal)
            return try await web.adminHomePage(principal, message: "\(id.original) is \(lock ? "locked" : "unlocked").")
        } failure: { principal, message in try await web.adminHomePage(principal, error: message) }

        page(router, "/admin/SupportRequests") { request, _ in
            let filter = request.uri.queryParameters["filter"].flatMap { SupportQueueFilter(rawValue: String($0)) } ?? .open
            return HTMLResponse.page(try await web.adminSupportPage(try Self.admin(), filter: filter), request: request)
        }
        for action in ["assign", "comment", "resolve", "reopen"] {
            router.post(RouterPath("/admin/SupportRequests/:key/" + action)) { request, context -> Response in
                let principal = try Self.admin()
                let form = try await WebForm.read(request)
                guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
                do {
                    guard let key = Int64(try context.parameters.require("key")) else { throw GalleryError.notFound("There is no such support request.") }
                    switch action {
                    case "assign": try await web.desk.assign(key, to: form["Assignee"], by: principal)
                    case "comment": try await web.desk.comment(key, text: form["Comment"] ?? "", by: principal)
                    case "resolve": try await web.desk.resolve(key, resolution: form["Resolution"] ?? "", by: principal)
                    default: try await web.desk.resolve(key, resolution: nil, by: principal)
                    }
                    return HTMLResponse.redirect(to: "/admin/SupportRequests?filter=" + (action == "resolve" ? "resolved" : "open"), status: .seeOther)
                } catch let error as GalleryError {
                    return HTMLResponse.page(
                        try await web.adminSupportPage(principal, filter: .all, error: error.message), status: Self.status(error), request: request)
                }
            }
        }

        page(router, "/admin/Delete") { request, _ in
            _ = try Self.admin()
            return HTMLResponse.page(try await web.adminVersionsPage(template: "adminDelete", query: Self.query(request)), request: request)
        }
        adminPost(router, "/admin/Delete") { form, principal in
            let id = try Self.packageID(form["PackageId"])
            let versions = try form.values("Versions").map { try PackageGallery.parse(id: id.original, version: $0).1 }
            try await web.administration.deleteForPolicyViolation(
                id, versions: versions, reason: form["Reason"] ?? "", signature: form["Signature"] ?? "", by: principal)
            return try await web.adminVersionsPage(
                template: "adminDelete", query: id.original,
                message: "Deleted \(id.original) \(versions.map(\.normalized).joined(separator: ", ")); the owners were mailed.")
        } failure: { _, message in try await web.adminVersionsPage(template: "adminDelete", query: "", error: message) }

        page(router, "/admin/Listing") { request, _ in
            _ = try Self.admin()
            return HTMLResponse.page(try await web.adminVersionsPage(template: "adminListing", query: Self.query(request)), request: request)
        }
        adminPost(router, "/admin/Listing") { form, principal in
            let id = try Self.packageID(form["PackageId"])
            let listed = form["Listed"] == "true"
            let versions = try form.values("Versions").map { (id, try PackageGallery.parse(id: id.original, version: $0).1) }
            guard !versions.isEmpty else { throw GalleryError.badRequest("Tick at least one version.") }
            let count = try await web.administration.setListed(listed, versions: versions, by: principal, gallery: web.gallery)
            return try await web.adminVersionsPage(
                template: "adminListing", query: id.original, message: "\(listed ? "Relisted" : "Unlisted") \(count) version(s) of \(id.original).")
        } failure: { _, message in try await web.adminVersionsPage(template: "adminListing", query: "", error: message) }

        registerAdminAccounts(on: router)
    }

    /// The signed-in site admin (the middleware let only them through).
    static func admin() throws -> Principal {
        guard let principal = WebVisitor.current?.principal, principal.isSiteAdmin else { throw HTTPError(.forbidden) }
        return principal
    }

    static func query(_ request: Request) -> String {
        request.uri.queryParameters["q"].map(String.init) ?? ""
    }

    static func packageID(_ text: String?) throws -> PackageID {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard let id = try? PackageID(validating: trimmed) else { throw GalleryError.badRequest("'\(trimmed)' is not a valid package ID.") }
        return id
    }

    /// A POST of an admin tool: token check, the action (which renders the page after success), or the page with the refusal.
    func adminPost(
        _ router: Router<Context>, _ path: RouterPath, _ action: @escaping @Sendable (WebForm, Principal) async throws -> String,
        failure: @escaping @Sendable (Principal, String) async throws -> String
    ) {
        let web = self.web
        router.post(path) { request, _ -> Response in
            let principal = try Self.admin()
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                return HTMLResponse.page(try await action(form, principal), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(try await failure(principal, error.message), status: Self.status(error), request: request)
            }
        }
    }
}
