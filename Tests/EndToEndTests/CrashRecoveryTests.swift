import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport
import Testing

/// What a crash can leave behind, and what the next start repairs (design: "A crash at any point
/// leaves either nothing visible or a complete package").
@Suite("Crash recovery")
struct CrashRecoveryTests {
    @Test("an id left dirty (documents lost mid-render) is re-rendered at start")
    func dirtyIDsAreRerendered() async throws {
        try await withTemporaryDataDirectory { directory in
            try await withTestServer(dataDirectory: directory) { client, env in
                try await client.pushCreated(package("Crashy.Pkg", "1.0.0"), apiKey: env.apiKey)
            }
            // The state of a crash between the database commit and the rendering: the mark is set, the
            // documents in the blob store are gone (or stale). Made on the stores with no server running,
            // whose change follower would otherwise repair it before the restart.
            let stores = try await PalletServer.openGallery(config: try await testConfig(dataDirectory: directory), logger: Logger(label: "t"))
            do {
                try await stores.store.markDirty(["crashy.pkg"])
                for path in ["flat/crashy.pkg/index.json", "registration/crashy.pkg/index.json"] {
                    #expect(try await stores.blobs.data(.document(path)) != nil)
                    try await stores.blobs.delete(.document(path))
                }
            } catch {
                await stores.shutdown()
                throw error
            }
            await stores.shutdown()
            try await withTestServer(dataDirectory: directory) { client, env in
                let versions = try await client.json("/v3/flat/crashy.pkg/index.json")["versions"]?.array?.count
                let registration = try await client.get("/v3/registration/crashy.pkg/index.json").status
                let dirty = try await env.gallery.store.dirtyLowerIDs()
                #expect(versions == 1)
                #expect(registration == .ok)
                #expect(dirty.isEmpty)
            }
        }
    }

    @Test("a push interrupted after its claim leaves nothing visible and its number free after restart")
    func interruptedPushIsRolledBack() async throws {
        try await withTemporaryDataDirectory { directory in
            try await withTestServer(dataDirectory: directory) { _, env in
                // The state of a crash after the claim and the first blob, before the publish transaction.
                let record = PackageVersionRecord(
                    id: "Half.Pushed", version: "1.0.0", normalizedVersion: "1.0.0", verbatimVersion: "1.0.0",
                    isPrerelease: false, isSemVer2: false, state: .pending, created: Date(), published: Date(),
                    packageSize: 3, packageHash: "AAAA", metadata: PackageMetadata(authors: "x", description: "y")
                )
                // A lease that lapsed an hour ago: nobody renews it any more.
                let claim = try await env.gallery.store.claimVersion(
                    record, owner: nil, lease: ClaimLease(token: "crashed-push", expires: record.created.addingTimeInterval(-3_600)),
                    now: record.created)
                #expect(claim == .claimed)
                try await env.gallery.blobs.put(.nuspec(record.key), data: Data("<package/>".utf8))
            }
            // With a shared database a starting node only sweeps claims whose lease lapsed longer ago than the
            // pending-push timeout (another node's push may be in flight); a single node sweeps all of them at start.
            try await withTestServer(dataDirectory: directory, configure: { $0.pendingPushTimeoutSeconds = 1 }) { client, env in
                let flat = try await client.get("/v3/flat/half.pushed/index.json").status
                let key = PackageVersionKey(lowerID: "half.pushed", lowerVersion: "1.0.0")
                let nuspec = try await env.gallery.blobs.data(.nuspec(key))
                let row = try await env.gallery.store.version(key)
                #expect(flat == .notFound)
                #expect(nuspec == nil)
                #expect(row == nil)
                // The number was never visible, so the retried push succeeds.
                try await client.pushCreated(package("Half.Pushed", "1.0.0"), apiKey: env.apiKey)
            }
        }
    }
}
