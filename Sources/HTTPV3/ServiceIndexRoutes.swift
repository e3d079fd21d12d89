import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird

/// `/v3/index.json`: every resource under every `@type` string current and older clients look up.
///
/// Type matching in NuGet.Client is exact and case-sensitive, and it never looks up plain
/// `SearchQueryService` (protocol §1, §12.1), so the aliases below are load-bearing.
struct ServiceIndexRoutes<Context: RequestContext>: Sendable {
    let urls: FeedURLs

    func register(on router: Router<Context>) {
        let document = Self.document(urls)
        router.getAndHead("/v3/index.json") { request, _ in
            DocumentResponse.response(document, request: request, cacheControl: Self.cacheControl)
        }
    }

    /// The service index changes only with the base URL (a restart): clients may keep it five minutes.
    static var cacheControl: String { "public, max-age=300" }

    /// The rendered service index (the fast path serves the same one).
    static func document(_ urls: FeedURLs) -> RenderedDocument {
        RenderedDocument(path: "index.json", body: render(urls))
    }

    static func resources(_ urls: FeedURLs) -> [(id: String, types: [String], comment: String)] {
        let base = urls.base
        return [
            (urls.flatContainer, ["PackageBaseAddress/3.0.0"], "Package content: versions and .nupkg downloads."),
            (urls.packagePublish, ["PackagePublish/2.0.0"], "Push, unlist (DELETE) and relist (POST)."),
            (urls.search, ["SearchQueryService", "SearchQueryService/3.0.0-beta", "SearchQueryService/3.0.0-rc",
                           "SearchQueryService/3.4.0", "SearchQueryService/3.5.0", "SearchQueryService/Versioned"], "Search."),
            (urls.autocomplete, ["SearchAutocompleteService", "SearchAutocompleteService/3.0.0-beta",
                                 "SearchAutocompleteService/3.0.0-rc", "SearchAutocompleteService/3.5.0",
                                 "SearchAutocompleteService/Versioned"], "Id and version autocomplete."),
            (urls.registrationBase(.semVer1), ["RegistrationsBaseUrl", "RegistrationsBaseUrl/3.0.0-beta",
                                               "RegistrationsBaseUrl/3.0.0-rc"], "Registration, SemVer 1.0.0 packages only."),
            (urls.registrationBase(.gzSemVer1), ["RegistrationsBaseUrl/3.4.0"], "Registration, SemVer 1.0.0 packages only."),
            (urls.registrationBase(.gzSemVer2), ["RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/Versioned"],
             "Registration including SemVer 2.0.0 packages."),
            (urls.catalogIndex, ["Catalog/3.0.0"], "Append-only log of package changes."),
            (urls.legacyGallery, ["LegacyGallery", "LegacyGallery/2.0.0"], "V2 OData feed for older clients (nuget.exe 2.x list)."),
            ("\(base)/packages/{id}/{version}", ["PackageDetailsUriTemplate/5.1.0"], "Package details page."),
            ("\(base)/packages/{id}/{version}/report", ["ReportAbuseUriTemplate/3.0.0-beta", "ReportAbuseUriTemplate/3.0.0-rc",
                                                        "ReportAbuseUriTemplate/3.0.0"], "Report abuse."),
            ("\(base)/profiles/{owner}", ["OwnerDetailsUriTemplate/6.11.0"], "Owner profile."),
            ("\(urls.flatContainer){lower_id}/{lower_version}/readme", ["ReadmeUriTemplate/6.13.0"], "Embedded readme."),
            (urls.vulnerabilityIndex, ["VulnerabilityInfo/6.7.0"], "Known vulnerabilities (NuGetAudit), kept offline."),
        ]
    }

    static func render(_ urls: FeedURLs) -> Data {
        let resources: [[String: Any]] = resources(urls).flatMap { resource in
            resource.types.map { type -> [String: Any] in
                var entry: [String: Any] = ["@id": resource.id, "@type": type, "comment": resource.comment]
                // nuget.org gives the SemVer 2.0.0 hive to 4.3+ clients this way (protocol §1).
                if type == "RegistrationsBaseUrl/Versioned" { entry["clientVersion"] = "4.3.0-alpha" }
                return entry
            }
        }
        let index: [String: Any] = [
            "version": "3.0.0",
            "resources": resources,
            "@context": ["@vocab": "http://schema.nuget.org/services#", "comment": "http://www.w3.org/2000/01/rdf-schema#comment"],
        ]
        var data = (try? JSONSerialization.data(withJSONObject: index, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        data.append(0x0A)
        return data
    }
}
