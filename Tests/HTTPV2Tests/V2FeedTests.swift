import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// The V2 feed end to end through the real application (protocol §7).
@Suite("V2 feed")
struct V2FeedTests {
    /// A, B (depends on A) with stable, prerelease and SemVer2 versions.
    static func seed(_ server: V2Server) async throws {
        try await server.push("Contoso.Core", "1.0") { $0.tags = "json tools" }
        try await server.push("Contoso.Core", "1.1.0")
        try await server.push("Contoso.Core", "2.0.0-beta")
        try await server.push("Contoso.Core", "3.0.0-rc.1")  // SemVer 2.0.0 (dotted label)
        try await server.push("Contoso.App", "1.0.0") {
            $0.dependencyGroups = [
                (framework: "net45", dependencies: [(id: "Contoso.Core", range: "[1.0.0, )")]),
                (framework: "netstandard2.0", dependencies: []),
            ]
        }
    }

    @Test("$metadata declares the functions and IsAbsoluteLatestVersion (nuget.exe 2.x reads them)")
    func metadata() async throws {
        try await V2Server.with { server in
            let response = try await server.get("/api/v2/$metadata")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml;charset=utf-8")
            for needle in ["FunctionImport Name=\"Search\"", "FunctionImport Name=\"FindPackagesById\"",
                           "FunctionImport Name=\"GetUpdates\"", "Property Name=\"IsAbsoluteLatestVersion\"",
                           "EntitySet Name=\"Packages\"", "m:HasStream=\"true\""] {
                #expect(response.text.contains(needle), "missing \(needle)")
            }
            let service = try await server.get("/api/v2/")
            #expect(service.text.contains("<collection href=\"Packages\">"))
            #expect(service.text.contains("xml:base=\"http://pallet.test/api/v2/\""))
        }
    }

    @Test("an entry carries every V2FeedPackage property, id in <title>, hash of the served bytes")
    func entry() async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            let feed = try await server.feed("/api/v2/Packages(Id='contoso.app',Version='1.0')")
            let entry = try #require(feed.entries.first)
            #expect(entry.title == "Contoso.App")
            #expect(entry.authorName == "Pallet Tests")
            for property in ["Id", "Version", "NormalizedVersion", "Dependencies", "IsLatestVersion", "IsAbsoluteLatestVersion",
                             "IsPrerelease", "Published", "Created", "LastUpdated", "PackageHash", "PackageHashAlgorithm",
                             "PackageSize", "DownloadCount", "VersionDownloadCount", "RequireLicenseAcceptance", "Listed",
                             "Authors", "Description", "Tags", "Title", "Summary", "LastEdited", "GalleryDetailsUrl"] {
                #expect(entry.properties.keys.contains(property), "missing d:\(property)")
            }
            #expect(entry.property("Dependencies") == "Contoso.Core:1.0.0:net45|::netstandard2.0")
            #expect(entry.types["Published"] == "Edm.DateTime")
            #expect(entry.property("Published")?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$"#, options: .regularExpression) != nil)
            #expect(entry.contentSource == "http://pallet.test/api/v2/package/Contoso.App/1.0.0")
            let download = try await server.get(entry.contentSource)
            #expect(download.status == .ok)
            #expect(SHA512.base64(download.data) == entry.property("PackageHash"))
            #expect(entry.property("PackageSize") == String(download.data.count))
        }
    }

    @Test("latest flags are computed over listed versions, per SemVer level")
    func latestFlags() async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            func flags(_ semVer: String) async throws -> [String: (Bool, Bool)] {
                let feed = try await server.feed("/api/v2/FindPackagesById()?id='Contoso.Core'\(semVer)")
                return Dictionary(uniqueKeysWithValues: feed.entries.map {
                    ($0.version, ($0.flag("IsLatestVersion"), $0.flag("IsAbsoluteLatestVersion")))
                })
            }
            let semVer1 = try await flags("")
            #expect(semVer1.keys.sorted() == ["1.0", "1.1.0", "2.0.0-beta"])
            #expect(semVer1["1.1.0"]! == (true, false) && semVer1["2.0.0-beta"]! == (false, true))
            let semVer2 = try await flags("&semVerLevel=2.0.0")
            #expect(semVer2["3.0.0-rc.1"]! == (false, true) && semVer2["2.0.0-beta"]! == (false, false))

            #expect(try await server.unlist("Contoso.Core", "1.1.0").status == .noContent)
            let after = try await flags("")
            #expect(after["1.0"]! == (true, false), "1.0 is the latest listed stable version now")
            #expect(after["1.1.0"]! == (false, false))
        }
    }

    @Test("unlisted: gone from Search(), Packages() and GetUpdates(); still found by key and downloadable")
    func unlisted() async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            try await server.unlist("Contoso.Core", "1.1.0")
            let search = try await server.feed("/api/v2/Search()?searchTerm='contoso'&includePrerelease=true")
            #expect(!search.listing.contains("Contoso.Core 1.1.0"))
            #expect(search.listing.contains("Contoso.Core 1.0"))
            let all = try await server.allPages("/api/v2/Packages()")
            #expect(!all.map { "\($0.title) \($0.version)" }.contains("Contoso.Core 1.1.0"))
            let updates = try await server.feed("/api/v2/GetUpdates()?packageIds='Contoso.Core'&versions='1.0'&includePrerelease=false&includeAllVersions=true")
            #expect(updates.listing.isEmpty)
            let byKey = try await server.feed("/api/v2/Packages(Id='Contoso.Core',Version='1.1.0')")
            #expect(byKey.entries.first?.property("Listed") == "false")
            #expect(byKey.entries.first?.property("Published") == "1900-01-01T00:00:00.000")
            let find = try await server.feed("/api/v2/FindPackagesById()?id='contoso.core'")
            #expect(find.listing.contains("Contoso.Core 1.1.0"))
            #expect(try await server.get("/api/v2/package/Contoso.Core/1.1.0").status == .ok)
        }
    }

    @Test("Search(): term, prerelease, $filter and $orderby as nuget.exe 2.8.7 list sends them", arguments: [
        ("$filter=IsLatestVersion&$orderby=Id&$skip=0&$top=30&searchTerm=''&targetFramework=''&includePrerelease=false",
         ["Contoso.App 1.0.0", "Contoso.Core 1.1.0"]),
        ("$filter=IsAbsoluteLatestVersion&$orderby=Id&$skip=0&$top=30&searchTerm='core'&targetFramework=''&includePrerelease=true",
         ["Contoso.Core 2.0.0-beta"]),
        ("$orderby=Id&$skip=0&$top=30&searchTerm='contoso.core'&targetFramework=''&includePrerelease=false",
         ["Contoso.Core 1.0", "Contoso.Core 1.1.0"]),
        ("$filter=IsAbsoluteLatestVersion&searchTerm=''&targetFramework='net45'&includePrerelease=true&semVerLevel=2.0.0",
         ["Contoso.App 1.0.0", "Contoso.Core 3.0.0-rc.1"]),
        ("searchTerm='json'&includePrerelease=false", ["Contoso.Core 1.0"]),
        ("$filter=tolower(Id) eq 'contoso.app'", ["Contoso.App 1.0.0"]),
        ("$orderby=Version desc&$top=1&searchTerm='contoso.core'&includePrerelease=true", ["Contoso.Core 2.0.0-beta"]),
    ])
    func search(_ query: String, _ expected: [String]) async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            let feed = try await server.feed("/api/v2/Search()?\(query)")
            let listing = query.contains("$orderby") ? feed.listing : feed.listing.sorted()
            #expect(listing == expected)
        }
    }

    /// The view keeps summaries: a query on a property only the record holds reads every candidate's record from
    /// the store (`V2Property.needsRecord`), and must answer as a query on any other property.
    @Test("$filter and $orderby on properties only the records hold", arguments: [
        ("/api/v2/Packages()?$filter=substringof('Contoso.Core',Dependencies)", ["Contoso.App 1.0.0"]),
        ("/api/v2/Packages()?$filter=Dependencies eq '' and IsLatestVersion&$orderby=Id", ["Contoso.Core 1.1.0"]),
        ("/api/v2/Packages()?$orderby=Dependencies desc,Id,Version&$top=2", ["Contoso.App 1.0.0", "Contoso.Core 1.0"]),
        ("/api/v2/Search()?searchTerm='contoso'&includePrerelease=true&$filter=RequireLicenseAcceptance eq false and LicenseUrl eq null&$orderby=Id desc,Version desc",
         ["Contoso.Core 2.0.0-beta", "Contoso.Core 1.1.0", "Contoso.Core 1.0", "Contoso.App 1.0.0"]),
        ("/api/v2/FindPackagesById()?id='contoso.core'&$filter=startswith(PackageHash,'')&$orderby=Version desc",
         ["Contoso.Core 2.0.0-beta", "Contoso.Core 1.1.0", "Contoso.Core 1.0"]),
    ])
    func recordProperties(_ path: String, _ expected: [String]) async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            let feed = try await server.feed(path.replacingOccurrences(of: " ", with: "%20"))
            #expect(feed.listing == expected)
            // Every entry shown carries its record's properties, whatever the query read.
            #expect(feed.entries.allSatisfy { $0.property("PackageHash")?.isEmpty == false })
            let countPath = path.replacingOccurrences(of: "()?", with: "()/$count?").replacingOccurrences(of: " ", with: "%20")
            if !path.contains("$top") {
                #expect(try await server.get(countPath).text == String(expected.count))
            }
        }
    }

    @Test("GetUpdates(): newest inside the constraint, all versions on request, mismatched lists empty", arguments: [
        ("packageIds='Contoso.Core'&versions='1.0'&includePrerelease=false&includeAllVersions=false", ["Contoso.Core 1.1.0"]),
        ("packageIds='Contoso.Core|Contoso.App'&versions='1.0|1.0'&includePrerelease=true&includeAllVersions=true",
         ["Contoso.Core 1.1.0", "Contoso.Core 2.0.0-beta"]),
        ("packageIds='contoso.core'&versions='1.0'&includePrerelease=true&versionConstraints='[1.0,2.0)'", ["Contoso.Core 2.0.0-beta"]),
        ("packageIds='contoso.core'&versions='1.0'&includePrerelease=false&versionConstraints='[1.0,1.1)'", []),
        ("packageIds='Contoso.Core|Contoso.App'&versions='1.0'", []),
        ("packageIds='Contoso.Core'&versions='1.0'&includePrerelease=true&semVerLevel=2.0.0", ["Contoso.Core 3.0.0-rc.1"]),
    ])
    func getUpdates(_ query: String, _ expected: [String]) async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            #expect(try await server.feed("/api/v2/GetUpdates()?\(query)").listing == expected)
        }
    }

    @Test("exact lookup accepts every spelling of a version; unknown is 404 with a message")
    func exactLookup() async throws {
        try await V2Server.with { server in
            try await Self.seed(server)
            for spelling in ["1.0", "1.0.0", "1.0.0.0"] {
                let feed = try await server.feed("/api/v2/Packages(Id='Contoso.Core',Version='\(spelling)')")
                #expect(feed.entries.first?.version == "1.0", "Version keeps the nuspec's spelling")
                #expect(feed.entries.first?.property("NormalizedVersion") == "1.0.0")
            }
            let missing = try await server.get("/api/v2/Packages(Id='Contoso.Core',Version='9.0')")
            #expect(missing.status == .notFound)
            #expect(missing.text == "Package 'Contoso.Core' version '9.0' was not found.\n")
            let empty = try await server.feed("/api/v2/FindPackagesById()?id='Nope'")
            #expect(empty.entries.isEmpty)
        }
    }

    @Test("server-driven paging: 100 per page, distinct next links, $top honoured, $count and inlinecount")
    func paging() async throws {
        try await V2Server.with { server in
            for n in 0..<130 { try await server.push("Paged.P\(n)", "1.0.0") }
            let first = try await server.feed("/api/v2/Packages()?$inlinecount=allpages")
            #expect(first.entries.count == 100)
            #expect(first.count == 130)
            #expect(first.nextLink?.hasPrefix("http://pallet.test/api/v2/Packages?") == true)
            let all = try await server.allPages("/api/v2/Packages()")
            #expect(all.count == 130)
            #expect(Set(all.map(\.title)).count == 130)
            let topped = try await server.feed("/api/v2/Packages()?$top=30&$skip=10")
            #expect(topped.entries.count == 30 && topped.nextLink == nil)
            let big = try await server.allPages("/api/v2/Search()?$top=120&searchTerm='paged'")
            #expect(big.count == 120)
            #expect(try await server.get("/api/v2/Packages()/$count").text == "130")
            #expect(try await server.get("/api/v2/Search()/$count?searchTerm='P1'&$top=5").text == "5")
            let count = try await server.get("/api/v2/FindPackagesById()/$count?id='Paged.P7'")
            #expect(count.text == "1" && count.headers[.contentType] == "text/plain;charset=utf-8")
        }
    }

    @Test("malformed queries are 400 with the reason", arguments: [
        ("/api/v2/Packages()?$filter=Bogus eq 1", "The property 'Bogus' cannot be used in $filter or $orderby."),
        ("/api/v2/Search()?$top=-5", "The $top option must be a whole number, not '-5'."),
        ("/api/v2/Search()?$orderby=Id sideways", "The $orderby 'Id sideways' is not supported."),
        ("/api/v2/FindPackagesById()?id='unclosed", "A quoted string is not closed in ''unclosed'."),
    ])
    func badQueries(_ path: String, _ message: String) async throws {
        try await V2Server.with { server in
            let response = try await server.get(path)
            #expect(response.status == .badRequest)
            #expect(response.text == message + "\n")
        }
    }

    @Test("push as nuget.exe 2.x on Mono sends it (LF before the closing delimiter); an identical re-push is 409 saying so")
    func pushAndDuplicate() async throws {
        try await V2Server.with { server in
            let nupkg = try TestPackage(id: "Mono.Push", version: "1.0.0").data()
            #expect(try await server.push(nupkg).status == .created)
            let download = try await server.get("/api/v2/package/Mono.Push/1.0.0")
            #expect(download.data == nupkg, "the stored bytes are exactly the pushed ones")
            let duplicate = try await server.push(nupkg, path: "/api/v2/package")
            #expect(duplicate.status == .conflict)
            #expect(duplicate.text
                    == "A package with ID 'Mono.Push' and version '1.0.0' already exists with identical content; nothing was changed.\n")
            #expect(try await server.get("/api/v2/package").status == .ok, "nuget.exe 2.x GETs the push URL first")
            #expect(try await server.get("/api/v2/package/Mono.Push").status == .ok, "no version: latest stable")
        }
    }

    @Test("the V3 service index points LegacyGallery/2.0.0 at the V2 feed")
    func legacyGallery() async throws {
        try await V2Server.with { server in
            let index = try await server.get("/v3/index.json").text
            #expect(index.contains(#""@id":"http://pallet.test/api/v2/","@type":"LegacyGallery/2.0.0""#))
        }
    }
}
