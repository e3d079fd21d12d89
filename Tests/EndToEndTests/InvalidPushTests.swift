import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Bad uploads get 400 with a one-line message, and leave nothing behind (style guide §6:
/// status, exact message, no row or blob).
@Suite("Invalid push")
struct InvalidPushTests {
    /// A zip that is a valid archive but has no `.nuspec` at its root.
    static func zipWithoutNuspec() throws -> Data {
        // A TestPackage's zip with the nuspec entry renamed away from the root.
        var pkg = TestPackage(id: "NoNuspec", version: "1.0.0")
        pkg.files["content/readme.txt"] = Data("no manifest here".utf8)
        let data = try pkg.data()
        // Rename "NoNuspec.nuspec" to "NoNuspec.nuspeX" in both the local header and central directory.
        var bytes = [UInt8](data)
        let needle = Array("NoNuspec.nuspec".utf8)
        var index = 0
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<index + needle.count]) == needle { bytes[index + needle.count - 1] = UInt8(ascii: "X") }
            index += 1
        }
        return Data(bytes)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: @Sendable () throws -> Data
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "random bytes", body: { Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }) },
             message: "The package is not a valid zip archive."),
        Case(name: "empty file part", body: { Data() }, message: "The uploaded package is empty."),
        Case(name: "zip without a nuspec", body: zipWithoutNuspec,
             message: "The package has no .nuspec file at its root."),
    ]

    @Test("400 with the exact message and nothing stored", arguments: cases)
    func rejected(_ testCase: Case) async throws {
        try await withTestServer { client, env in
            let response = try await client.push(try testCase.body(), apiKey: env.apiKey)
            #expect(response.status == .badRequest)
            #expect(response.text.trimmingCharacters(in: .newlines) == testCase.message)
            #expect(response.status.reasonPhrase == testCase.message)
            try await expectNothingStored(client, env, lowerID: "nonuspec")
        }
    }

    @Test("a request with no body at all is 400 and stores nothing")
    func emptyRequest() async throws {
        try await withTestServer { client, env in
            let response = try await client.send(.put, "/api/v2/package/", headers: FeedClient.keyHeaders(env.apiKey), body: Data())
            #expect(response.status == .badRequest)
            #expect(response.text.trimmingCharacters(in: .newlines) == "The uploaded package is empty.")
            try await expectNothingStored(client, env, lowerID: nil)
        }
    }

    @Test("a multipart body without a file part is 400 naming the 'package' part")
    func multipartWithoutFile() async throws {
        try await withTestServer { client, env in
            let form = MultipartBody(parts: [.init(name: "comment", filename: nil, contentType: nil, data: Data("hello".utf8))])
            let response = try await client.push(multipart: form, apiKey: env.apiKey)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("'package'"), "\(response.text)")
            try await expectNothingStored(client, env, lowerID: nil)
        }
    }

    @Test("invalid corpus packages are refused with 400 and leave nothing", arguments: Corpus.invalid())
    func corpusInvalid(_ entry: Corpus.Entry) async throws {
        let nupkg = try Data(contentsOf: entry.url)
        try await withTestServer { client, env in
            let response = try await client.push(nupkg, apiKey: env.apiKey)
            #expect(response.status == .badRequest, "\(entry.file): \(response.status) \(response.text)")
            let message = response.text.trimmingCharacters(in: .newlines)
            #expect(!message.isEmpty && !message.contains("\n") && message.hasSuffix("."), "one sentence: \(message)")
            try await expectNothingStored(client, env, lowerID: entry.id.isEmpty ? nil : entry.id.lowercased())
        }
    }
}

/// Nothing of a refused push is visible or on disk: no version list, no registration, no search
/// hit, no package blob and no upload temp file left behind.
func expectNothingStored(
    _ client: FeedClient, _ env: TestEnvironment, lowerID: String?, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let blobFiles = try await env.packageBlobFiles()
    #expect(blobFiles.isEmpty, "package blobs left: \(blobFiles)", sourceLocation: sourceLocation)
    let uploads = (try? FileManager.default.contentsOfDirectory(atPath: env.dataDirectory.appendingPathComponent("blobs/.uploads").path)) ?? []
    #expect(uploads.isEmpty, "upload temp files left: \(uploads)", sourceLocation: sourceLocation)
    if let lowerID {
        #expect(try await client.get("/v3/flat/\(lowerID)/index.json").status == .notFound, sourceLocation: sourceLocation)
        #expect(try await client.get("/v3/registration-gz-semver2/\(lowerID)/index.json").status == .notFound, sourceLocation: sourceLocation)
    }
    let search = try await client.json("/v3/query?prerelease=true&semVerLevel=2.0.0")
    #expect(search["totalHits"]?.int == 0, sourceLocation: sourceLocation)
}
