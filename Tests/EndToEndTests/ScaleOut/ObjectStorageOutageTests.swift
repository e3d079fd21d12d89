import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport
import Testing

/// The object store goes away under a running server (design "Scale-out": S3 is a dependency that can
/// fail). Pushes must be refused cleanly and retryable, reads of documents already in memory must go on,
/// and the server must need no restart once the store is back.
@Suite("Scale-out: object storage outage")
struct ObjectStorageOutageTests {
    @Test(
        "S3 unreachable: a push answers 503 with Retry-After and stores nothing; cached documents still answer; pushes work again once S3 is back",
        .enabled(if: PrivateMotoServer.executable != nil, "needs moto_server on PATH")
    )
    func objectStoreOutage() async throws {
        let moto = try await PrivateMotoServer()
        defer { moto.stop() }
        let storage = try await PrivateMotoServer.makeBucket(endpoint: moto.endpoint)
        // The database is the suite's backend (embedded SQLite or PostgreSQL); the storage is this test's moto.
        try await withTestServer(logger: .expectingStoreFailures, configure: { $0.storage = storage }) { client, env in
            try await client.pushCreated(package("Outage.Pkg", "1.0.0"), apiKey: env.apiKey)
            let documents = ["/v3/flat/outage.pkg/index.json", "/v3/registration/outage.pkg/index.json"]
            var before: [String: Data] = [:]
            for path in documents {
                let response = try await client.get(path)
                #expect(response.status == .ok, "GET \(path): \(response.status) \(response.text)")
                before[path] = response.data
            }

            try await moto.crash()

            let refused = try await client.push(try package("Outage.Pkg", "2.0.0").data(), apiKey: env.apiKey)
            #expect(refused.status == .serviceUnavailable, "push while S3 is down: \(refused.status) \(refused.text)")
            #expect(refused.headers[.retryAfter] != nil, "503 without Retry-After")
            let message = refused.text.trimmingCharacters(in: .newlines)
            #expect(!message.isEmpty && !message.contains("\n"), "not a one-line message: '\(refused.text)'")
            // Nothing half-stored: no row for 2.0.0 at all (the claim was abandoned), only 1.0.0 is available.
            let key = PackageVersionKey(lowerID: "outage.pkg", lowerVersion: "2.0.0")
            #expect(try await env.gallery.store.version(key) == nil, "a row was left for the refused push")
            let available = try await env.gallery.store.allAvailableVersions().map(\.key.description)
            #expect(available == ["outage.pkg 1.0.0"])

            // Documents rendered before the outage are served from memory, byte for byte.
            for path in documents {
                let response = try await client.get(path)
                #expect(response.status == .ok, "GET \(path) while S3 is down: \(response.status) \(response.text)")
                #expect(response.data == before[path], "\(path) changed while S3 was down")
            }

            // A new moto on the same port (it keeps nothing, so the bucket is made again); no Pallet restart.
            let revived = try await PrivateMotoServer(port: moto.port)
            defer { revived.stop() }
            try await PrivateMotoServer.createBucket(storage: storage)
            // The refused version itself can be pushed again: its claim did not survive the failure.
            let nupkg = try await client.pushCreated(package("Outage.Pkg", "2.0.0"), apiKey: env.apiKey)
            let download = try await client.get(FeedClient.nupkgPath("outage.pkg", "2.0.0"))
            #expect(download.status == .ok)
            #expect(download.data == nupkg)
            #expect(try await client.json("/v3/flat/outage.pkg/index.json")["versions"]?.strings == ["1.0.0", "2.0.0"])
        }
    }
}
