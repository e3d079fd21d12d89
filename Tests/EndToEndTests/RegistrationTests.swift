import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Registration index, inline pages, leaves and `catalogEntry` (protocol §4, §12.8): the fields
/// the VS UI and packages.config restore read.
@Suite("Registration")
struct RegistrationTests {
    static let contoso = package("Contoso.Utils", "1.0.0") {
        $0.description = "Helpers."
        $0.authors = "Contoso"
        $0.title = "Contoso Utilities"
        $0.tags = "util helpers"
        $0.licenseExpression = "MIT"
        $0.dependencyGroups = [
            (framework: "net8.0", dependencies: [(id: "Contoso.Core", range: "[2.1.0, )"), (id: "Contoso.Text", range: "[1.0.0, 2.0.0)")]),
            (framework: "netstandard2.0", dependencies: [(id: "Contoso.Core", range: "2.1.0")]),
            (framework: "net472", dependencies: []),
        ]
    }

    @Test("index: count, one inline page with lower/upper/parent and absolute URLs")
    func index() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            try await client.pushCreated(package("Contoso.Utils", "1.1.0-beta"), apiKey: env.apiKey)
            let indexURL = env.baseURL + "/v3/registration/contoso.utils/index.json"
            let index = try await client.json(indexURL)
            #expect(index["@id"]?.string == indexURL)
            #expect(index["count"]?.int == 1)
            let page = try #require(index["items"]?[0])
            #expect(page["count"]?.int == 2)
            #expect(page["lower"]?.string == "1.0.0")
            #expect(page["upper"]?.string == "1.1.0-beta")
            #expect(page["parent"]?.string == indexURL)
            #expect(page["@id"]?.string?.hasPrefix(indexURL) == true)
            let leaves = try #require(page["items"]?.array)
            #expect(leaves.map { $0["catalogEntry"]?["version"]?.string } == ["1.0.0", "1.1.0-beta"], "ascending")
            for leaf in leaves {
                #expect(leaf["@id"]?.string?.hasPrefix(env.baseURL + "/v3/registration/contoso.utils/") == true)
                #expect(leaf["registration"]?.string == indexURL)
            }
        }
    }

    @Test("catalogEntry carries id, version, authors, description, tags, title and an @id")
    func catalogEntryMetadata() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            let entry = try #require(try await client.json("/v3/registration/contoso.utils/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"])
            #expect(entry["@id"]?.string?.hasPrefix("http://pallet.test/") == true)
            #expect(entry["id"]?.string == "Contoso.Utils")
            #expect(entry["version"]?.string == "1.0.0")
            #expect(entry["authors"]?.strings.joined(separator: ",") == "Contoso")
            #expect(entry["description"]?.string == "Helpers.")
            #expect(entry["title"]?.string == "Contoso Utilities")
            #expect(Set(entry["tags"]?.strings.flatMap { $0.split(separator: " ").map(String.init) } ?? []) == ["util", "helpers"])
            #expect(entry["listed"]?.bool != false)
            #expect(entry["published"]?.string?.contains("T") == true, "ISO 8601 date")
        }
    }

    @Test("licenseExpression and its licenses.nuget.org licenseUrl")
    func license() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            let entry = try await client.json("/v3/registration/contoso.utils/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
            #expect(entry?["licenseExpression"]?.string == "MIT")
            #expect(entry?["licenseUrl"]?.string == "https://licenses.nuget.org/MIT")
        }
    }

    @Test("packageContent is the absolute flat-container URL, on the leaf and in catalogEntry")
    func packageContent() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            let leaf = try #require(try await client.json("/v3/registration/contoso.utils/index.json")["items"]?[0]?["items"]?[0])
            let expected = env.baseURL + "/v3/flat/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg"
            #expect(leaf["packageContent"]?.string == expected)
            #expect(leaf["catalogEntry"]?["packageContent"]?.string == expected)
            #expect(try await client.get(expected).data == nupkg)
        }
    }

    @Test("dependencyGroups: frameworks in NuGet.Frameworks form, ranges, registration links into the same hive",
          arguments: ["registration", "registration-gz", "registration-gz-semver2"])
    func dependencyGroups(_ hive: String) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            let entry = try await client.json("/v3/\(hive)/contoso.utils/index.json")["items"]?[0]?["items"]?[0]?["catalogEntry"]
            let groups = try #require(entry?["dependencyGroups"]?.array)
            #expect(groups.count == 3)
            func group(_ framework: String) -> JSON? { groups.first { $0["targetFramework"]?.string?.lowercased() == framework.lowercased() } }
            let net8 = try #require(group("net8.0"))
            let net8Deps = net8["dependencies"]?.array ?? []
            #expect(net8Deps.map { $0["id"]?.string } == ["Contoso.Core", "Contoso.Text"])
            #expect(net8Deps.map { $0["range"]?.string } == ["[2.1.0, )", "[1.0.0, 2.0.0)"])
            #expect(net8Deps[0]["registration"]?.string == env.baseURL + "/v3/\(hive)/contoso.core/index.json")
            let standard = try #require(group(".NETStandard2.0"))
            // A bare version means "at least"; nuget.org writes it normalized, the raw form parses the same.
            #expect(["[2.1.0, )", "2.1.0"].contains(standard["dependencies"]?[0]?["range"]?.string ?? "nil"))
            let net472 = try #require(group(".NETFramework4.7.2"))
            let net472Dependencies = net472["dependencies"]?.array ?? []
            #expect(net472Dependencies.isEmpty)
        }
    }

    @Test("the standalone leaf document: catalogEntry as a URL string, listed, packageContent, registration")
    func leafDocument() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            let leafURL = try #require(try await client.json("/v3/registration/contoso.utils/index.json")["items"]?[0]?["items"]?[0]?["@id"]?.string)
            let leaf = try await client.json(leafURL)
            #expect(leaf["@id"]?.string == leafURL)
            #expect(leaf["catalogEntry"]?.string?.hasPrefix(env.baseURL) == true)
            #expect(leaf["listed"]?.bool == true)
            #expect(leaf["packageContent"]?.string == env.baseURL + "/v3/flat/contoso.utils/1.0.0/contoso.utils.1.0.0.nupkg")
            #expect(leaf["registration"]?.string == env.baseURL + "/v3/registration/contoso.utils/index.json")
        }
    }

    @Test("unknown id: 404 on the registration index of every hive", arguments: ["registration", "registration-gz", "registration-gz-semver2"])
    func unknown(_ hive: String) async throws {
        try await withTestServer { client, _ in
            let get = try await client.get("/v3/\(hive)/no.such.id/index.json")
            #expect(get.status == .notFound)
            let head = try await client.head("/v3/\(hive)/no.such.id/index.json")
            #expect(head.status == .notFound)
        }
    }

    @Test("HEAD and If-None-Match on registration documents")
    func conditional() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(Self.contoso, apiKey: env.apiKey)
            let path = "/v3/registration-gz-semver2/contoso.utils/index.json"
            let get = try await client.get(path)
            let etag = try #require(get.headers[.eTag])
            let head = try await client.head(path)
            #expect(head.status == .ok && head.data.isEmpty)
            #expect(try await client.get(path, headers: [.ifNoneMatch: etag]).status == .notModified)
            // A new version changes the document, so the old ETag no longer matches.
            try await client.pushCreated(package("Contoso.Utils", "2.0.0"), apiKey: env.apiKey)
            let changed = try await client.get(path, headers: [.ifNoneMatch: etag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != etag)
        }
    }
}
