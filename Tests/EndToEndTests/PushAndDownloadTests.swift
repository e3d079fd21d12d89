import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Push (protocol §2) then restore's downloads (§3): the bytes come back exactly as pushed.
@Suite("Push and download")
struct PushAndDownloadTests {
    @Test("push answers 201 and the .nupkg downloads byte-identical")
    func pushThenDownload() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(package("Contoso.Utils", "1.2.3"), apiKey: env.apiKey)
            let download = try await client.get(FeedClient.nupkgPath("contoso.utils", "1.2.3"))
            #expect(download.status == .ok)
            #expect(download.data == nupkg)
            #expect(SHA512.base64(download.data) == SHA512.base64(nupkg))
            // Never a Content-Encoding on .nupkg (§12.9): signed packages and lock files compare bytes.
            #expect(download.headers[.contentEncoding] == nil)
            // Where the "nothing stored" checks of the rejection tests look: a real push lands there.
            let blobFiles = try await env.packageBlobFiles()
            #expect(blobFiles.contains { $0.hasSuffix("contoso.utils.1.2.3.nupkg") }, "\(blobFiles)")
        }
    }

    @Test("a raw .nupkg body without multipart is accepted too (nuget.org does), also on the V2 feed root")
    func rawBody() async throws {
        try await withTestServer { client, env in
            for (index, path) in ["/api/v2/package/", "/api/v2/"].enumerated() {
                let nupkg = try package("Raw.Body", "1.0.\(index)").data()
                var headers = FeedClient.keyHeaders(env.apiKey)
                headers[.contentType] = "application/octet-stream"
                let response = try await client.send(.put, path, headers: headers, body: nupkg)
                #expect(response.status == .created, "\(path): \(response.status) \(response.text)")
                #expect(try await client.get(FeedClient.nupkgPath("raw.body", "1.0.\(index)")).data == nupkg)
            }
        }
    }

    @Test("every push URL spelling a client uses is accepted", arguments: ["/api/v2/package", "/api/v2/package/"])
    func pushURLSpellings(_ path: String) async throws {
        try await withTestServer { client, env in
            let response = try await client.push(try package("Spelling.Check", "1.0.0").data(), apiKey: env.apiKey, path: path)
            #expect(response.status == .created, "\(response.status) \(response.text)")
            #expect(try await client.get("/v3/flat/spelling.check/index.json").status == .ok)
        }
    }

    @Test("HEAD on the .nupkg gives the length and no body; If-None-Match with its ETag gives 304")
    func headAndETag() async throws {
        try await withTestServer { client, env in
            let nupkg = try await client.pushCreated(package("Etag.Pkg", "1.0.0"), apiKey: env.apiKey)
            let path = FeedClient.nupkgPath("etag.pkg", "1.0.0")
            let head = try await client.head(path)
            #expect(head.status == .ok)
            #expect(head.data.isEmpty)
            #expect(head.headers[.contentLength] == String(nupkg.count))
            let etag = try #require(head.headers[.eTag])
            #expect(etag.hasPrefix("\""), "a strong ETag is quoted and has no W/ prefix")
            let get = try await client.get(path)
            #expect(get.headers[.eTag] == etag)
            let notModified = try await client.get(path, headers: [.ifNoneMatch: etag])
            #expect(notModified.status == .notModified)
            #expect(notModified.data.isEmpty)
            let otherTag = try await client.get(path, headers: [.ifNoneMatch: "\"something-else\""])
            #expect(otherTag.status == .ok)
            #expect(otherTag.data == nupkg)
        }
    }

    @Test("the flat-container version list has the pushed versions, lowercase and normalized")
    func flatIndex() async throws {
        try await withTestServer { client, env in
            for version in ["1.0", "2.0.0-Beta.1", "1.1.0.0"] {
                try await client.pushCreated(package("Versions.List", version), apiKey: env.apiKey)
            }
            let index = try await client.json("/v3/flat/versions.list/index.json")
            #expect(Set(index["versions"]?.strings ?? []) == ["1.0.0", "1.1.0", "2.0.0-beta.1"])
            #expect(index["versions"]?.strings == ["1.0.0", "1.1.0", "2.0.0-beta.1"], "ascending, as nuget.org")
            let head = try await client.head("/v3/flat/versions.list/index.json")
            #expect(head.status == .ok)
            #expect(head.data.isEmpty)
        }
    }

    @Test("the .nuspec is served as pushed, under {id}.nuspec without the version")
    func nuspec() async throws {
        try await withTestServer { client, env in
            let pkg = package("Nuspec.Pkg", "3.0.0") { $0.description = "Served nuspec." }
            try await client.pushCreated(pkg, apiKey: env.apiKey)
            let response = try await client.get("/v3/flat/nuspec.pkg/3.0.0/nuspec.pkg.nuspec")
            #expect(response.status == .ok)
            #expect(response.text == pkg.nuspec)
            #expect(try await client.head("/v3/flat/nuspec.pkg/3.0.0/nuspec.pkg.nuspec").status == .ok)
        }
    }

    @Test("readme is served when embedded and 404 when the package has none")
    func readme() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Readme.Pkg", "1.0.0") { $0.readme = "# Hello\nReadme body." }, apiKey: env.apiKey)
            try await client.pushCreated(package("NoReadme.Pkg", "1.0.0"), apiKey: env.apiKey)
            let readme = try await client.get("/v3/flat/readme.pkg/1.0.0/readme")
            #expect(readme.status == .ok)
            #expect(readme.text == "# Hello\nReadme body.")
            #expect(try await client.get("/v3/flat/noreadme.pkg/1.0.0/readme").status == .notFound)
        }
    }

    @Test("an embedded icon is served at /icon; a package without one answers 404")
    func icon() async throws {
        try await withTestServer { client, env in
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 64)
            let withIcon = package("Icon.Pkg", "1.0.0") {
                $0.extraMetadata = "\n    <icon>images/icon.png</icon>"
                $0.files["images/icon.png"] = png
            }
            try await client.pushCreated(withIcon, apiKey: env.apiKey)
            let icon = try await client.get("/v3/flat/icon.pkg/1.0.0/icon")
            #expect(icon.status == .ok)
            #expect(icon.data == png)
            try await client.pushCreated(package("NoIcon.Pkg", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.get("/v3/flat/noicon.pkg/1.0.0/icon").status == .notFound)
        }
    }

    @Test("unknown package or version: 404 on index.json and on the .nupkg")
    func unknown() async throws {
        try await withTestServer { client, env in
            #expect(try await client.get("/v3/flat/no.such.package/index.json").status == .notFound)
            try await client.pushCreated(package("Known.Pkg", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.get(FeedClient.nupkgPath("known.pkg", "9.9.9")).status == .notFound)
            #expect(try await client.get(FeedClient.nupkgPath("no.such.package", "1.0.0")).status == .notFound)
            #expect(try await client.head(FeedClient.nupkgPath("known.pkg", "9.9.9")).status == .notFound)
        }
    }
}
