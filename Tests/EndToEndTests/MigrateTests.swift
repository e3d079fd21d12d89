import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import Logging
import PalletApp
import PalletTestSupport
import SQLStore
import Testing

/// `pallet admin migrate` (`InstallationMigration`): an installation built through the real app on the embedded
/// default is copied to a second SQLite file and blob folder, or to PostgreSQL + S3, and a server on the copy
/// serves the same feed and accepts the same keys. The source is always embedded, whatever backend the suite uses.
@Suite("Migrate")
struct MigrateTests {
    @Test("a migrated installation serves byte-identical documents, keeps keys, owners, reservations and counts; a second run adds nothing")
    func migrateAndServe() async throws {
        try await withTemporaryDataDirectory { root in
            let source = root.appendingPathComponent("source")
            let target = root.appendingPathComponent("target")
            let seen = try await Self.populate(source)
            let migration = try await Self.migration(from: source, to: target)

            let first = try await migration.run(logger: Self.logger)
            #expect(first.isComplete, "\(first.mismatches)")
            // Every table of the copy spec (which SQLStoreCopierTests holds equal to the schema), schema step 9's included.
            #expect(first.tables.map(\.table).sorted() == SQLCopyTable.all.map(\.name).sorted())
            #expect(first.tables.first { $0.table == "package_versions" }?.targetRows == 6)
            #expect((first.blobs?.copied ?? 0) > 10 && first.blobs?.skipped == 0)
            #expect(first.packagesVerified == 5, "available versions only: the hard-deleted one has no nupkg")

            let second = try await migration.run(logger: Self.logger)
            #expect(second.isComplete, "\(second.mismatches)")
            #expect(second.tables == first.tables, "no duplicates")
            #expect(second.blobs?.copied == 0 && second.blobs?.skipped == first.blobs?.copied)
            let sourceBlobs = Self.files(below: source.appendingPathComponent("blobs"))
            #expect(sourceBlobs == Self.files(below: target.appendingPathComponent("blobs")), "every blob, byte for byte")
            #expect(sourceBlobs.keys.contains { $0.hasPrefix("v3/catalog/data/") } && sourceBlobs.count == first.blobs?.copied)

            try await Self.checkServed(target, against: seen)
        }
    }

    @Test(
        "an embedded installation migrated to PostgreSQL + S3 serves byte-identical documents with the same keys, counts and owners",
        .enabled(if: TestBackend.postgresS3IfConfigured != nil, "needs PALLET_TEST_POSTGRES_URL and PALLET_TEST_S3_ENDPOINT")
    )
    func migrateToPostgresAndS3() async throws {
        let backend = try #require(TestBackend.postgresS3IfConfigured)
        try await withTemporaryDataDirectory { root in
            let source = root.appendingPathComponent("source")
            let target = root.appendingPathComponent("target")
            let seen = try await Self.populate(source)
            // The target stores the test backend makes for `target` (a fresh database and bucket).
            let stores = try await testConfig(dataDirectory: target, backend: backend)
            let migration = try InstallationMigration(
                config: try await testConfig(dataDirectory: source, backend: .embedded),
                toDatabase: try #require(stores.database), toStorage: try #require(stores.storage)
            )
            let first = try await migration.run(logger: Self.logger)
            #expect(first.isComplete, "\(first.mismatches)")
            #expect(first.tables.first { $0.table == "package_versions" }?.targetRows == 6)
            #expect(first.packagesVerified == 5)
            let second = try await migration.run(logger: Self.logger)
            #expect(second.isComplete && second.tables == first.tables, "a second run adds nothing")
            // S3 listings carry no sizes through BlobStore, so rendered documents are copied again; package files never are.
            #expect((second.blobs?.skipped ?? 0) >= 5 && (second.blobs?.copied ?? 0) < (first.blobs?.copied ?? 0))
            try await Self.checkServed(target, against: seen) { config in
                config.database = stores.database
                config.storage = stores.storage
                config.databaseConnections = 2
            }
            await backend.cleanUp(dataDirectory: target)
        }
    }

    @Test("an interrupted migration completes when run again; missing or corrupt blobs are found and repaired")
    func interruptedAndResumed() async throws {
        try await withTemporaryDataDirectory { root in
            let source = root.appendingPathComponent("source")
            let target = root.appendingPathComponent("target")
            _ = try await Self.populate(source)
            var migration = try await Self.migration(from: source, to: target)
            migration.batchSize = 2
            migration.blobProgressInterval = 3

            // Stopped mid-table (after four committed pages), then mid-blobs.
            await #expect(throws: Interrupted.self) { try await migration.run(logger: Self.logger, progress: Self.stop(after: 4, of: .tableBatch)) }
            await #expect(throws: Interrupted.self) { try await migration.run(logger: Self.logger, progress: Self.stop(after: 2, of: .blobs)) }
            let nupkg = target.appendingPathComponent("blobs/packages/alice.lib/1.0.0/alice.lib.1.0.0.nupkg")
            try? FileManager.default.removeItem(at: nupkg)

            let resumed = try await migration.run(logger: Self.logger)
            #expect(resumed.isComplete, "\(resumed.mismatches)")
            #expect((resumed.blobs?.copied ?? 0) > 0 && (resumed.blobs?.skipped ?? 0) > 0)
            #expect(resumed.tables.allSatisfy { $0.sourceRows == $0.targetRows })

            // Same size, other bytes: only the hash check can tell.
            var bytes = try Data(contentsOf: nupkg)
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: nupkg)
            let corrupt = try await migration.run(logger: Self.logger)
            #expect(!corrupt.isComplete)
            #expect(corrupt.mismatches.count == 1 && corrupt.mismatches[0].hasPrefix("nupkg alice.lib 1.0.0:"), "\(corrupt.mismatches)")

            try FileManager.default.removeItem(at: nupkg)
            #expect(try await migration.run(logger: Self.logger).isComplete)
        }
    }

    @Test("the installation's own database or blob folder is refused as a target")
    func refusesItself() async throws {
        try await withTemporaryDataDirectory { root in
            let config = try await testConfig(dataDirectory: root, backend: .embedded)
            #expect(throws: StoreLocationError.self) {
                try InstallationMigration(config: config, toDatabase: root.appendingPathComponent("pallet.sqlite").path, toStorage: nil)
            }
            #expect(throws: StoreLocationError.self) {
                try InstallationMigration(config: config, toDatabase: "/elsewhere.sqlite", toStorage: "file://" + root.appendingPathComponent("blobs").path)
            }
            #expect(throws: StoreLocationError.self) { try InstallationMigration(config: config, toDatabase: "mysql://x/y", toStorage: nil) }
        }
    }
}

extension MigrateTests {
    /// What the source server served, and the keys it handed out.
    struct Seen: Sendable {
        var aliceKey = ""
        var contosoKey = ""
        /// Response bodies by request path: every rendered document and every catalog leaf.
        var documents: [String: Data] = [:]
        var catalogCount: Int64 = 0
        var auditCount = 0
    }

    static let logger: Logger = {
        var logger = Logger(label: "pallet.e2e.migrate")
        logger.logLevel = .error
        return logger
    }()

    /// Builds the source installation through the real app: the identity fixture (users, an organization and
    /// its key, two reservations, three pushes), plus an unlist, a hard delete, another owner and downloads.
    static func populate(_ directory: URL) async throws -> Seen {
        let box = Box()
        try await withTestServer(dataDirectory: directory, backend: .embedded) { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            let contosoKey = try await fixture.key("dave", owner: "Contoso")
            try await client.pushCreated(package("Alice.Lib", "2.0.0-beta.1") { $0.readme = "moved" }, apiKey: env.apiKey)
            try await client.pushCreated(package("Alice.Unlisted", "1.0.0"), apiKey: env.apiKey)
            #expect(try await client.unlist("Alice.Unlisted", "1.0.0", apiKey: env.apiKey).status == .noContent)
            try await client.pushCreated(package("Alice.Gone", "1.0.0"), apiKey: env.apiKey)
            try await fixture.admin.deletePackageVersion("Alice.Gone", version: "1.0.0", reason: "test", by: .adminCLI())
            try await fixture.admin.addOwner("Alice.Lib", accountName: "carol", by: .adminCLI())
            for _ in 0..<3 { #expect(try await client.get(FeedClient.nupkgPath("alice.lib", "1.0.0")).status == .ok) }
            await env.gallery.downloads.flush()

            var seen = Seen(aliceKey: env.apiKey, contosoKey: contosoKey)
            let documents = env.dataDirectory.appendingPathComponent("blobs/v3").path
            var paths = (FileManager.default.enumerator(atPath: documents)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix("_") }.map { "/v3/" + $0 }  // `_manifests/` are not served
            paths += try await CatalogTests.allItems(client).compactMap { $0["@id"]?.string }
            for path in paths {
                let response = try await client.get(path)
                #expect(response.status == .ok, "GET \(path)")
                seen.documents[try FeedClient.relative(path, base: env.baseURL)] = response.data
            }
            #expect(["/v3/flat/alice.lib/index.json", "/v3/catalog/index.json", "/v3/registration/alice.lib/index.json"]
                .allSatisfy { seen.documents[$0] != nil }, "\(seen.documents.keys.sorted())")
            seen.catalogCount = try await env.gallery.store.catalogCount()
            seen.auditCount = try await env.gallery.store.auditEvents(since: nil).count
            box.seen = seen
        }
        return box.seen
    }

    /// A migration of the data folder `source` to `target/pallet.sqlite` and `target/blobs` (a data folder layout).
    static func migration(from source: URL, to target: URL) async throws -> InstallationMigration {
        try InstallationMigration(
            config: try await testConfig(dataDirectory: source, backend: .embedded),
            toDatabase: "sqlite://" + target.appendingPathComponent("pallet.sqlite").path,
            toStorage: "file://" + target.appendingPathComponent("blobs").path
        )
    }

    /// Starts a server on the migrated data folder and checks it serves and accepts what the source did.
    static func checkServed(
        _ target: URL, against seen: Seen, configure: @escaping @Sendable (inout ServerConfig) -> Void = { _ in }
    ) async throws {
        try await withTestServer(dataDirectory: target, backend: .embedded, configure: configure) { client, env in
            for (path, body) in seen.documents.sorted(by: { $0.key < $1.key }) {
                let response = try await client.get(path)
                #expect(response.status == .ok && response.data == body, "\(path) differs after the migration")
            }
            let store = env.gallery.store
            #expect(try await store.catalogCount() == seen.catalogCount)
            #expect(try await store.auditEvents(since: nil).count >= seen.auditCount)
            let carol = try #require(try await store.user(named: "carol"))
            #expect(try await store.owners(ofLowerID: "alice.lib").contains(carol.key))
            #expect(Set(try await store.reservations().map(\.pattern)) == ["Contoso.", "Open."])
            #expect(try await client.json("/v3/query?q=Alice.Lib&prerelease=true")["data"]?[0]?["totalDownloads"]?.int == 3)
            #expect(try await client.json("/v3/query?q=Alice.Unlisted")["totalHits"]?.int == 0, "still unlisted")
            #expect(try await client.get(FeedClient.nupkgPath("alice.gone", "1.0.0")).status == .notFound, "still deleted")
            #expect(try await client.push(try package("Alice.Gone", "1.0.0").data(), apiKey: seen.aliceKey).status != .created)

            // The old keys still work, new keys and users get fresh numbers, the closed reservation still holds.
            try await client.pushCreated(package("Alice.Lib", "3.0.0"), apiKey: seen.aliceKey)
            try await client.pushCreated(package("Contoso.Lib", "2.0.0"), apiKey: seen.contosoKey)
            #expect(try await client.push(try package("Contoso.Other", "1.0.0").data(), apiKey: env.otherAPIKey).status == .forbidden)
            _ = try await env.gallery.accounts.createUser(name: "erin", email: "erin@pallet.test", by: .adminCLI())
        }
    }

    /// The contents of every file below `folder` by relative path, upload temp files left out.
    static func files(below folder: URL) -> [String: Data] {
        let paths = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        var files: [String: Data] = [:]
        for path in paths where !path.hasPrefix(".uploads") {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try? Data(contentsOf: url)
            }
        }
        return files
    }

    /// A progress handler that throws `Interrupted` at the `count`-th event of a kind.
    static func stop(after count: Int, of kind: EventKind) -> @Sendable (InstallationMigration.Event) async throws -> Void {
        let seen = Counter()
        return { event in
            let matches = switch (event, kind) {
            case (.tableBatch, .tableBatch), (.blobs, .blobs): true
            default: false
            }
            if matches, seen.increment() == count { throw Interrupted() }
        }
    }

    enum EventKind { case tableBatch, blobs }
    struct Interrupted: Error {}

    final class Box: @unchecked Sendable {
        var seen = Seen()
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() -> Int { lock.withLock { value += 1; return value } }
    }
}
