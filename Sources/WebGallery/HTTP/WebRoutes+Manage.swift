import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes
import NuGetCore

extension WebRoutes {
    /// The Manage page's forms: one POST path, the section named by a hidden field.
    func registerManage(on router: Router<Context>) {
        let web = self.web
        router.get("/account/Packages") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let query = AccountPackagesQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
            do {
                return HTMLResponse.page(try await web.accountPackagesPage(principal, query: query), request: request)
            } catch let error as GalleryError {
                // A filter naming an account the person does not manage packages of: every account, and why.
                return HTMLResponse.page(
                    try await web.accountPackagesPage(principal, error: error.message), status: error.httpError.status, request: request)
            }
        }
        router.get("/account/trustedpublishing") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            return HTMLResponse.page(try await web.trustedPublishingPage(principal), request: request)
        }
        for action in ["", "/delete"] {
            router.post(RouterPath("/account/trustedpublishing" + action)) { request, _ -> Response in
                guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
                let form = try await WebForm.read(request)
                guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
                do {
                    let notice: String
                    if action.isEmpty {
                        notice = try await web.createPolicy(form: form, by: principal)
                    } else {
                        guard let key = Int64(form["Key"] ?? "") else { throw GalleryError.badRequest("The form does not name a policy.") }
                        try await web.gallery.accounts.removePublishingPolicy(key: key, by: principal)
                        notice = "The policy is deleted."
                    }
                    return HTMLResponse.page(try await web.trustedPublishingPage(principal, notice: notice), request: request)
                } catch let error as GalleryError {
                    return HTMLResponse.page(
                        try await web.trustedPublishingPage(principal, error: error.message), status: error.httpError.status, request: request)
                }
            }
        }
        router.post("/account/Packages") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                let notice = try await web.answerOwnership(form: form, by: principal)
                return HTMLResponse.page(try await web.accountPackagesPage(principal, notice: notice), request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(
                    try await web.accountPackagesPage(principal, error: error.message), status: error.httpError.status, request: request)
            }
        }
        // GET has its own route too: a path whose POST is registered resolves to that node, not to `:action`.
        router.get("/packages/:id/:version/Manage") { request, context -> Response in
            let id = try context.parameters.require("id"), version = try context.parameters.require("version")
            return try await Self.managePage(web, id: id, version: version, action: "manage", request: request)
        }
        router.post("/packages/:id/:version/Manage") { request, context -> Response in
            let id = try context.parameters.require("id"), version = try context.parameters.require("version")
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            do {
                let (packageID, _) = try PackageGallery.parse(id: id, version: version)
                let outcome = try await web.manage(packageID, form: form, by: principal)
                let back = PackageURLs.version(id: id, version: outcome.version ?? version) + "/Manage?done=" + WebForm.queryEscape(outcome.done)
                return HTMLResponse.redirect(to: back, status: .seeOther)
            } catch let error as GalleryError {
                let status = error.httpError.status
                guard error.kind == .invalid || error.kind == .conflict else {
                    return Self.manageRefused(web, error, status: status, request: request)
                }
                do {
                    return HTMLResponse.page(
                        try await web.managePage(id: id, version: version, by: principal, error: error.message), status: status, request: request)
                } catch let error as GalleryError {
                    return Self.manageRefused(web, error, status: error.httpError.status, request: request)
                }
            }
        }
    }

    /// POST `/packages/{id}/{version}/Manage/Readme`: the Documentation section's multipart forms (replace the README
    /// from the textarea or a `.md` file, or revert to the package's own). The CSRF token is in the action URL.
    func registerManageReadme(on router: Router<Context>) {
        let web = self.web
        router.post("/packages/:id/:version/Manage/Readme") { request, context -> Response in
            let id = try context.parameters.require("id"), version = try context.parameters.require("version")
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let token = request.uri.queryParameters["__RequestVerificationToken"].map(String.init) ?? ""
            guard WebForm(fields: ["__RequestVerificationToken": token], all: []).isTrusted(request) else {
                return Self.formRefused(web, request: request)
            }
            var typed: String?
            do {
                let (packageID, parsed) = try PackageGallery.parse(id: id, version: version)
                // Both fields at their limit, plus the multipart framing.
                guard let buffer = try? await request.body.collect(upTo: 2 * PackageGallery.maxReadmeBytes + 64 * 1024) else {
                    throw GalleryError.badRequest("The README is larger than 1 MB.")
                }
                guard let form = MultipartForm.parse(Array(buffer: buffer), contentType: request.headers[.contentType]) else {
                    throw GalleryError.badRequest("The form must be sent as multipart/form-data.")
                }
                let done: String
                if form["Section"].map({ String(decoding: $0, as: UTF8.self) }) == "revert-readme" {
                    _ = try await web.gallery.revertReadme(id: packageID, version: parsed, by: principal)
                    done = "readme-reverted"
                } else {
                    let file = form["ReadmeFile"] ?? Data()
                    let text = String(decoding: form["ReadmeMarkdown"] ?? Data(), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                    typed = text.utf8.count <= PackageGallery.maxReadmeBytes ? text : nil
                    let markdown = file.isEmpty ? (form["ReadmeMarkdown"] == nil ? Data() : Data(text.utf8)) : file
                    // Invalid UTF-8 in the textarea is checked on the bytes as sent.
                    if file.isEmpty, let raw = form["ReadmeMarkdown"], String(data: raw, encoding: .utf8) == nil {
                        throw GalleryError.badRequest("The README is not UTF-8 text.")
                    }
                    _ = try await web.gallery.replaceReadme(markdown, id: packageID, version: parsed, by: principal)
                    done = "readme-replaced"
                }
                let back = PackageURLs.version(id: id, version: version) + "/Manage?done=" + done + "#documentation"
                return HTMLResponse.redirect(to: back, status: .seeOther)
            } catch let error as GalleryError {
                let status = error.httpError.status
                guard error.kind == .invalid else { return Self.manageRefused(web, error, status: status, request: request) }
                do {
                    return HTMLResponse.page(
                        try await web.managePage(
                            id: id, version: version, by: principal, error: error.message, readmeError: error.message, readmeText: typed),
                        status: status, request: request)
                } catch let error as GalleryError {
                    return Self.manageRefused(web, error, status: error.httpError.status, request: request)
                }
            }
        }
    }

    /// GET `/packages/{id}/{version}/Manage` (and `/Delete`, which leads there as on nuget.org).
    static func managePage(_ web: WebGallery, id: String, version: String, action: String, request: Request) async throws -> Response {
        guard let principal = WebVisitor.current?.principal else { return signInFirst(request) }
        if action == "delete" {
            return HTMLResponse.redirect(
                to: PackageURLs.version(id: id, version: version) + "/Manage#listing", status: .found)
        }
        let done = request.uri.queryParameters["done"].map(String.init)
        do {
            return HTMLResponse.page(
                try await web.managePage(id: id, version: version, by: principal, notice: done.flatMap(ManageOutcome.notice)), request: request)
        } catch let error as GalleryError {
            return manageRefused(web, error, status: error.httpError.status, request: request)
        }
    }

    /// 403 for another person's package, 404 for an unknown one: a page saying so.
    static func manageRefused(_ web: WebGallery, _ error: GalleryError, status: HTTPResponse.Status, request: Request) -> Response {
        let heading = error.kind == .notFound ? "Not found" : "You cannot manage this package"
        return HTMLResponse.page(web.messagePage(title: heading, heading: heading, message: error.message), status: status, request: request)
    }
}
