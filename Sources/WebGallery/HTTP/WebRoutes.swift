public import Hummingbird
public import HTTPPlumbing
import Foundation
import Gallery

/// The web gallery's routes (nuget.org's URL shapes), generic over the request context like the other surfaces.
public struct WebRoutes<Context: PrincipalRequestContext>: Sendable {
    let web: WebGallery

    /// Creates the route collection.
    public init(web: WebGallery) {
        self.web = web
    }

    /// Adds the pages, the assets and the HTML error pages (for web paths only) to a router.
    public func register(on router: Router<Context>) {
        router.add(middleware: WebErrorMiddleware<Context>(web: web))
        router.add(middleware: WebSessionMiddleware<Context>(accounts: web.accounts, secure: web.secureCookies))
        router.add(middleware: SiteAdminMiddleware<Context>(web: web))
        if let formActions = FormActionMiddleware<Context>(issuers: web.externalSignIn?.providers.map(\.issuer) ?? []) {
            router.add(middleware: formActions)
        }
        let web = self.web
        registerAccounts(on: router)
        registerExternalLogins(on: router)
        registerAPIKeys(on: router)
        registerAPIKeyEdit(on: router)
        registerPasswordReset(on: router)
        registerSettings(on: router)
        registerClosing(on: router)
        registerManage(on: router)
        registerManageReadme(on: router)
        registerOrganizations(on: router)
        registerUpload(on: router)
        registerReports(on: router)
        registerAdmin(on: router)
        page(router, "/") { request, _ in HTMLResponse.page(web.homePage(), request: request) }
        page(router, "/packages") { request, _ in
            HTMLResponse.page(web.searchPage(BrowseParameters(request.uri.queryParameters.map { (String($0.key), String($0.value)) })),
                              request: request)
        }
        page(router, "/packages/:id") { request, context in
            let id = try context.parameters.require("id")
            let missing = request.uri.queryParameters["requestedVersion"].map(String.init)
            return try await Self.answer(web.packagePage(id: id, version: nil, requested: missing), web: web, id: id, request: request)
        }
        page(router, "/packages/:id/:version") { request, context in
            let id = try context.parameters.require("id"), version = try context.parameters.require("version")
            // `atom.xml` and `ContactOwners` share the shape of a version segment.
            switch version.lowercased() {
            case "atom.xml":
                guard let feed = web.atomFeed(id: id) else { return Self.notFound(web, id: id, request: request) }
                return HTMLResponse.make(feed, contentType: "application/atom+xml; charset=utf-8", request: request,
                                         cacheControl: "public, max-age=60")
            case "contactowners":
                // nuget.org's older address without a version: the latest version's form.
                guard let latest = web.latestVersion(id: id) else { return Self.notFound(web, id: id, request: request) }
                return HTMLResponse.redirect(to: PackageURLs.version(id: latest.id, version: latest.normalizedVersion) + "/ContactOwners")
            default:
                return try await Self.answer(web.packagePage(id: id, version: version, requested: nil), web: web, id: id, request: request)
            }
        }
        page(router, "/packages/:id/:version/:action") { request, context in
            let id = try context.parameters.require("id"), version = try context.parameters.require("version")
            let action = try context.parameters.require("action")
            if ["manage", "delete"].contains(action.lowercased()) {
                return try await Self.managePage(web, id: id, version: version, action: action.lowercased(), request: request)
            }
            if let form = try await Self.reportForm(action, id: id, version: version, web: web, request: request) { return form }
            guard action.lowercased() == "license" else { return Self.notFound(web, id: id, request: request) }
            guard let html = try await web.licensePage(id: id, version: version) else { return Self.notFound(web, id: id, request: request) }
            return HTMLResponse.page(html, request: request)
        }
        page(router, "/profiles/:name") { request, context in
            let name = try context.parameters.require("name")
            let number = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
            guard let html = try await web.profilePage(name: name, page: min(max(number, 1), 10_000)) else {
                return Self.notFound(web, id: nil, request: request, message: "There is no account named \(name).")
            }
            return HTMLResponse.page(html, request: request)
        }
        page(router, "/stats") { request, _ in HTMLResponse.page(web.statsPage(), request: request) }
        page(router, "/assets/:hash/:file") { request, context in
            let file = try context.parameters.require("file"), hash = try context.parameters.require("hash")
            guard let asset = Assets.all.first(where: { $0.name == file }) else { throw HTTPError(.notFound) }
            // An old hash still gets today's file, but not cached for long (a page from before a deploy).
            let cache = hash == asset.hash ? "public, max-age=31536000, immutable" : "public, max-age=300"
            return HTMLResponse.make(asset.text, contentType: asset.contentType, request: request, cacheControl: cache)
        }
    }

    func page(
        _ router: Router<Context>, _ path: RouterPath, _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        // Browsers and link checkers send HEAD too; Hummingbird does not derive it from GET.
        router.get(path, use: handler)
        router.head(path, use: handler)
    }

    static func answer(_ result: PackagePageResult, web: WebGallery, id: String, request: Request) -> Response {
        switch result {
        case .page(let html): HTMLResponse.page(html, request: request)
        case .redirect(let location): HTMLResponse.redirect(to: location)
        case .notFound: notFound(web, id: id, request: request, message: "There is no package with the ID \(id).")
        case .gone(let message): notFound(web, id: id, request: request, message: message)
        }
    }

    static func notFound(_ web: WebGallery, id: String?, request: Request, message: String? = nil) -> Response {
        HTMLResponse.page(web.notFoundPage(query: id, message: message), status: .notFound, request: request)
    }
}
