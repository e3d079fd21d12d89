import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// `/packages/manage/upload`: upload (multipart), review, submit through the push pipeline, or cancel.
    func registerUpload(on router: Router<Context>) {
        let web = self.web
        router.get("/packages/manage/upload") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            guard let path = web.pendingUploadPath(csrf: WebVisitor.current?.csrfToken ?? ""),
                  FileManager.default.fileExists(atPath: path) else {
                return HTMLResponse.page(try await web.uploadPage(principal), request: request)
            }
            do {
                let preview = try await web.gallery.previewUpload(packageAt: path, by: principal)
                return HTMLResponse.page(try await web.uploadPage(principal, preview: preview), request: request)
            } catch let error as GalleryError {
                // What was fine at upload may be refused now (the version was pushed meanwhile): start over.
                try? FileManager.default.removeItem(atPath: path)
                return HTMLResponse.page(try await web.uploadPage(principal, error: error.message), status: error.httpError.status, request: request)
            }
        }
        router.post("/packages/manage/upload") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            // A multipart body: the token comes in the form's action URL (see docs/WEB.md).
            let token = request.uri.queryParameters["__RequestVerificationToken"].map(String.init) ?? ""
            guard WebForm(fields: ["__RequestVerificationToken": token], all: []).isTrusted(request) else {
                return Self.formRefused(web, request: request)
            }
            guard let uploads = web.uploads, let pending = web.pendingUploadPath(csrf: token) else {
                return HTMLResponse.page(try await web.uploadPage(principal, error: "Uploading is not available."), status: .notFound, request: request)
            }
            do {
                guard try await web.accounts.isEmailConfirmed(principal.user) else {
                    throw GalleryError.forbidden("Confirm your email address before uploading packages.")
                }
                let received = try await MultipartPackageUpload(uploads).receive(request)
                try? FileManager.default.removeItem(atPath: pending)
                try FileManager.default.moveItem(atPath: received, toPath: pending)
                do {
                    _ = try await web.gallery.previewUpload(packageAt: pending, by: principal)
                } catch {
                    try? FileManager.default.removeItem(atPath: pending)
                    throw error
                }
                return HTMLResponse.redirect(to: "/packages/manage/upload", status: .seeOther)
            } catch let error as GalleryError {
                return HTMLResponse.page(try await web.uploadPage(principal, error: error.message), status: error.httpError.status, request: request)
            }
        }
        router.post("/packages/manage/upload/submit") { request, _ -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            guard let path = web.pendingUploadPath(csrf: WebVisitor.current?.csrfToken ?? ""),
                  FileManager.default.fileExists(atPath: path) else {
                return HTMLResponse.page(
                    try await web.uploadPage(principal, error: "There is no upload to submit: upload the package again."),
                    status: .badRequest, request: request)
            }
            defer { try? FileManager.default.removeItem(atPath: path) }
            do {
                let result = try await web.gallery.upload(
                    packageAt: path, ownerName: form["Owner"], listed: form["Listed"] == "true", by: principal)
                return HTMLResponse.redirect(
                    to: PackageURLs.version(id: result.record.id, version: result.record.normalizedVersion), status: .seeOther)
            } catch let error as GalleryError {
                return HTMLResponse.page(try await web.uploadPage(principal, error: error.message), status: error.httpError.status, request: request)
            }
        }
        router.post("/packages/manage/upload/cancel") { request, _ -> Response in
            guard WebVisitor.current?.principal != nil else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            if let path = web.pendingUploadPath(csrf: WebVisitor.current?.csrfToken ?? "") {
                try? FileManager.default.removeItem(atPath: path)
            }
            return HTMLResponse.redirect(to: "/packages/manage/upload", status: .seeOther)
        }
    }
}
