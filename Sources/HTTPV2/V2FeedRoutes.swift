public import Gallery
public import HTTPPlumbing
public import Hummingbird
import HTTPTypes
import NIOCore

/// Everything under `/api/v2/*`, registered here and nowhere else: the NuGet V2 (OData) feed for
/// older clients (nuget.exe 2.x, VS 2012/2013, Chocolatey-style tools; protocol §7), V2 downloads,
/// and push, unlist and relist (`PackagePublishRoutes`, which the V3 service index also points at).
public struct V2FeedRoutes<Context: PrincipalRequestContext>: Sendable {
    let gallery: PackageGallery
    let files: BlobResponder
    let uploads: UploadSettings
    /// The Trusted Publishing token exchange (`POST /api/v2/token`); the route is absent without it.
    let trustedPublishing: TrustedPublishing?
    /// The pull-through cache: `FindPackagesById`, `Packages(Id,Version)` and downloads of ids this feed does
    /// not hold are answered from it (`V2FeedRoutes+Upstreams`).
    let upstreams: Upstreams?
    var responder: V2FeedResponder { V2FeedResponder(gallery: gallery) }
    /// `FindPackagesById` and `Packages(Id,Version)` answers kept while their id is unchanged.
    let answers = V2AnswerCache()

    /// Creates the route collection; `files` is the application's one blob responder (shared with V3).
    public init(
        gallery: PackageGallery, files: BlobResponder, uploads: UploadSettings, trustedPublishing: TrustedPublishing? = nil,
        upstreams: Upstreams? = nil
    ) {
        self.upstreams = upstreams
        self.gallery = gallery
        self.files = files
        self.uploads = uploads
        self.trustedPublishing = trustedPublishing
    }

    /// Adds every `/api/v2/*` route to a router.
    public func register(on router: Router<Context>) {
        PackagePublishRoutes<Context>(gallery: gallery, uploads: uploads).register(on: router)
        DeprecationRoutes<Context>(gallery: gallery).register(on: router)
        if let trustedPublishing { TokenExchangeRoutes<Context>(exchange: trustedPublishing).register(on: router) }
        let serviceDocument = V2ServiceDocuments.serviceDocument(gallery.urls)
        router.getAndHead("/api/v2") { _, _ in
            V2FeedResponder.xml(serviceDocument, contentType: "application/xml;charset=utf-8")
        }
        // nuget.exe 2.x GETs the push URL (following redirects) before it PUTs there.
        router.getAndHead("/api/v2/package") { _, _ in
            V2FeedResponder.text("Push packages here with PUT; unlist with DELETE package/{id}/{version}.")
        }
        router.getAndHead("/api/v2/package/:id/:version") { request, context in
            try await download(id: context.parameters.require("id"), version: context.parameters.get("version"), request, context)
        }
        router.getAndHead("/api/v2/package/:id") { request, context in
            try await download(id: context.parameters.require("id"), version: nil, request, context)
        }
        // nuget.org also accepts POST for the functions.
        for method in [HTTPRequest.Method.get, .head, .post] {
            router.on("/api/v2/:resource", method: method) { request, context in
                try await resource(context.parameters.require("resource"), countOnly: false, request)
            }
            router.on("/api/v2/:resource/$count", method: method) { request, context in
                try await resource(context.parameters.require("resource"), countOnly: true, request)
            }
        }
    }

    func resource(_ segment: String, countOnly: Bool, _ request: Request) async throws -> Response {
        do {
            guard let resource = try V2Resource(segment: segment) else {
                throw GalleryError.notFound("'\(segment)' is not a resource of the V2 feed.")
            }
            let options = try V2QueryOptions(query: request.uri.query)
            if upstreams != nil, let answer = try await upstreamAnswer(resource, countOnly: countOnly, options: options) {
                return answer
            }
            return try await answer(resource, countOnly: countOnly, options: options, query: request.uri.query ?? "")
        } catch let error as ODataError {
            throw GalleryError.badRequest(error.message)
        }
    }

    /// The local answer; `query` is the request's query string (what `options` were read from).
    func answer(_ resource: V2Resource, countOnly: Bool, options: V2QueryOptions, query: String) async throws -> Response {
        let snapshot = gallery.feed.snapshot(), records = gallery.feedRecords
        let versions: [FeedVersion]
        switch resource {
        case .metadata:
            return V2FeedResponder.xml(V2ServiceDocuments.metadata, contentType: "application/xml;charset=utf-8")
        case .package(let id, let version):
            guard let found = snapshot.version(id: id, version: version), !countOnly else {
                throw GalleryError.notFound("Package '\(id)' version '\(version)' was not found.")
            }
            // Restore reads of old clients: kept while the id is unchanged (V2AnswerCache).
            guard let package = snapshot.packages[found.lowerID] else {
                return try await responder.entry(found, options: options, snapshot: snapshot, records: records)
            }
            let key = "entry\u{0}\(found.lowerID)\u{0}\(found.lowerVersion)\u{0}\(query)"
            let answer = try await answers.answer(key, package: package, downloads: gallery.feed.downloads(of: package)) {
                V2AnswerCache.Answer(head: try await responder.entryXML(found, snapshot: snapshot, records: records), tail: nil)
            }
            return V2FeedResponder.entryResponse(answer.head)
        case .packages:
            versions = snapshot.listedVersions(semVer2: options.semVer2)
        case .findPackagesByID:
            let id = try options.string("id") ?? ""
            versions = snapshot.versions(ofID: id, semVer2: options.semVer2)
            if !countOnly, let package = snapshot.packages[id.lowercased()] {
                // Restore reads of old clients: kept while the id is unchanged (V2AnswerCache).
                let key = "find\u{0}\(package.lowerID)\u{0}\(query)"
                let answer = try await answers.answer(key, package: package, downloads: gallery.feed.downloads(of: package)) {
                    try await responder.feedParts(
                        title: resource.title, path: resource.path, versions, options: options, snapshot: snapshot,
                        records: records)
                }
                return responder.feedResponse(answer)
            }
        case .search:
            versions = try search(options, snapshot)
        case .getUpdates:
            versions = snapshot.updates(try V2Functions.updateRequest(options))
        }
        return countOnly
            ? try await responder.count(versions, options: options, snapshot: snapshot, records: records)
            : try await responder.feed(
                title: resource.title, path: resource.path, versions, options: options, snapshot: snapshot, records: records)
    }

    func search(_ options: V2QueryOptions, _ snapshot: FeedSnapshot) throws -> [FeedVersion] {
        let feed = gallery.feed
        // targetFramework is accepted and, as on nuget.org, does not narrow the results (docs/QUIRKS.md).
        _ = try V2Functions.frameworks(options.string("targetFramework"))
        return snapshot.search(
            term: try options.string("searchTerm") ?? "", includePrerelease: options.bool("includePrerelease"),
            semVer2: options.semVer2, totals: { feed.downloads(of: $0).total }
        )
    }

    /// `package/{id}/{version}`: the exact bytes (unlisted included, so pinned restores keep working);
    /// without a version, the latest listed stable version (nuget.org).
    func download(id: String, version: String?, _ request: Request, _ context: Context) async throws -> Response {
        let snapshot = gallery.feed.snapshot()
        let key: PackageVersionKey
        if let version {
            key = try PackageGallery.versionKey(id: id, version: version)
        } else {
            _ = try PackageGallery.versionKey(id: id, version: "1.0.0")
            guard let latest = snapshot.packages[id.lowercased()]?.versions.last(where: { $0.isLatestVersion(semVer2: true) }) else {
                throw GalleryError.notFound("Package '\(id)' has no listed stable version.")
            }
            key = latest.key
        }
        if snapshot.packages[key.lowerID] == nil, let upstreams, version != nil {
            return try await upstreamDownload(upstreams, key: key, request: request)
        }
        guard snapshot.packages[key.lowerID]?.version(lowerVersion: key.lowerVersion) != nil,
              let location = try await gallery.blob(.nupkg(key), countDownload: request.method == .get) else {
            throw GalleryError.notFound("Package '\(id)' version '\(version ?? "")' was not found.")
        }
        // The same headers as the flat container's copy (BlobKey+Media; docs/QUIRKS.md).
        return try await files.response(location, key: .nupkg(key), request: request, context: context)
    }
}
