import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// `/account/apikeys/{key}/Edit`: a key's package selection on a page of its own (the API keys page links
    /// to it), so the list of every package is sent once per edit, not once per key on every view.
    func registerAPIKeyEdit(on router: Router<Context>) {
        let web = self.web
        router.get("/account/apikeys/:key/Edit") { request, context -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            guard let number = Int64(try context.parameters.require("key")),
                  let page = try await web.apiKeyEditPage(principal, keyNumber: number)
            else { return Self.noSuchKey(web, request: request) }
            return HTMLResponse.page(page, request: request)
        }
        router.post("/account/apikeys/:key/Edit") { request, context -> Response in
            guard let principal = WebVisitor.current?.principal else { return Self.signInFirst(request) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            // Among the signed-in person's own keys only: another person's key is as unknown as a missing one.
            guard let number = Int64(try context.parameters.require("key")),
                  let record = try await web.gallery.store.apiKey(key: number), record.userKey == principal.user.key
            else { return Self.noSuchKey(web, request: request) }
            let glob = (form["GlobPattern"] ?? "").trimmingCharacters(in: .whitespaces)
            let selected = form.values("PackageIds")
            do {
                try await web.gallery.accounts.editAPIKeySelection(
                    userName: principal.user.name, keyName: String(number), globs: glob.split(separator: " ").map(String.init),
                    packageIDs: selected, by: principal)
                return HTMLResponse.page(
                    try await web.apiKeysPage(principal, notice: "The packages of the API key \"\(record.name)\" are saved."), request: request)
            } catch let error as GalleryError {
                guard let page = try await web.apiKeyEditPage(principal, keyNumber: number, glob: glob, selected: selected, error: error.message)
                else { return Self.noSuchKey(web, request: request) }
                return HTMLResponse.page(page, status: error.httpError.status, request: request)
            }
        }
    }

    /// 404 for a key number that is not one of the signed-in person's keys.
    static func noSuchKey(_ web: WebGallery, request: Request) -> Response {
        HTMLResponse.page(web.notFoundPage(message: "There is no such API key among yours."), status: .notFound, request: request)
    }
}
