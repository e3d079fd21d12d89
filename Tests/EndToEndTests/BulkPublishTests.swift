import Foundation
import Gallery
import Logging
import HummingbirdTesting
import PalletApp
import PalletTestSupport
import Testing

/// `pallet push` (the HTTP client, on a real socket) and `pallet admin import` (the pipeline without HTTP),
/// each with 500 generated packages: 100 ids × 5 versions. The time each took is printed for the record.
@Suite("Bulk publishing")
struct BulkPublishTests {
    static let ids = 100
    static let versionsPerID = 5

    /// 500 packages in a new folder (in nested folders, as a NuGet.Server store keeps them).
    static func generatedFolder() throws -> URL {
        let folder = TestPackage.makeTempDirectory()
        for index in 0..<ids {
            let sub = folder.appendingPathComponent("bulk.pkg\(index)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for minor in 0..<versionsPerID {
                _ = try TestPackage(id: "Bulk.Pkg\(index)", version: "1.\(minor).0").write(to: sub)
            }
        }
        return folder
    }

    static func storedCount(_ gallery: PackageGallery) async throws -> Int {
        var count = 0
        for index in 0..<ids {
            count += try await gallery.store.versions(ofLowerID: "bulk.pkg\(index)").filter { $0.state == .available }.count
        }
        return count
    }

    @Test("pallet push: 500 packages over HTTP, then again with --skip-duplicate, then without")
    func bulkPush() async throws {
        let folder = try Self.generatedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try PackageFiles.expand([folder.path])
        #expect(files.count == 500)
        try await withTestServer(.live) { client, env in
            let port = try #require(client.port)
            let push = try await PushClient.resolving(source: "http://127.0.0.1:\(port)/", apiKey: env.apiKey)
            #expect(push.pushURL == "http://127.0.0.1:\(port)/api/v2/package")

            let lines = Lines()
            let started = ContinuousClock.now
            let results = await push.pushAll(
                files, parallelism: 4, skipDuplicate: false, progress: BulkProgress(total: files.count, interactive: false, write: lines.append))
            let took = ContinuousClock.now - started
            print("Bulk push of 500 packages over HTTP (4 at once): \(took)")
            let summary = BulkSummary(results, seconds: 0)
            #expect(summary.published == 500, "\(results.compactMap { if case .failed(let m) = $0.outcome { m } else { nil } }.prefix(3))")
            #expect(try await Self.storedCount(env.gallery) == 500)
            #expect(lines.all.count == 500)
            #expect(lines.all.last?.hasPrefix("[500/500] ") == true)

            // Again: with --skip-duplicate every one is skipped, without every one fails with the server's message.
            let again = BulkSummary(await push.pushAll(Array(files.prefix(20)), parallelism: 4, skipDuplicate: true), seconds: 0)
            #expect(again.skipped == 20 && again.failed == 0)
            let refused = await push.pushAll(Array(files.prefix(3)), parallelism: 2, skipDuplicate: false)
            for result in refused {
                guard case .failed(let message) = result.outcome else { Issue.record("expected a failure"); continue }
                #expect(message.hasPrefix("409 "), "\(message)")
                #expect(message.contains("already exists"), "\(message)")
            }
        }
    }

    @Test("pallet push: a bad key and a broken file are failures with the server's one-line message")
    func pushFailures() async throws {
        let folder = TestPackage.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try TestPackage(id: "Bulk.Good", version: "1.0.0").write(to: folder)
        let broken = folder.appendingPathComponent("broken.nupkg")
        try Data("not a zip".utf8).write(to: broken)
        try await withTestServer(.live) { client, env in
            let port = try #require(client.port)
            let wrongKey = try await PushClient.resolving(source: "http://127.0.0.1:\(port)", apiKey: "nope")
            let unauthorized = await wrongKey.push(good, skipDuplicate: false)
            guard case .failed(let message) = unauthorized.outcome else { Issue.record("pushed with a wrong key"); return }
            #expect(message.hasPrefix("401 "), "\(message)")

            let push = try await PushClient.resolving(source: "http://127.0.0.1:\(port)/api/v2/package", apiKey: env.apiKey)
            let results = await push.pushAll([good, broken], parallelism: 2, skipDuplicate: true)
            #expect(results[0].outcome == .published)
            guard case .failed(let brokenMessage) = results[1].outcome else { Issue.record("a broken file was accepted"); return }
            #expect(brokenMessage.hasPrefix("400 "), "\(brokenMessage)")
            #expect(!brokenMessage.contains("\n"))
        }
    }

    @Test("pallet admin import: 500 packages through the pipeline, owned by the named account; identical ones skipped")
    func bulkImport() async throws {
        let folder = try Self.generatedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try PackageFiles.expand([folder.path])
        try await withTestServer { _, env in
            let principal = try await PackageImporter.principal(gallery: env.gallery, actingAs: nil, ownerName: "bob")
            let importer = PackageImporter(gallery: env.gallery, principal: principal, stagingDirectory: env.dataDirectory)
            let started = ContinuousClock.now
            let results = await importer.importAll(files, parallelism: 4, skipDuplicate: false)
            print("Bulk import of 500 packages without HTTP (4 at once): \(ContinuousClock.now - started)")
            #expect(BulkSummary(results, seconds: 0).published == 500)
            #expect(try await Self.storedCount(env.gallery) == 500)
            let bob = try #require(try await env.gallery.store.user(named: "bob"))
            #expect(try await env.gallery.store.owners(ofLowerID: "bulk.pkg7") == [bob.key])
            // The source files are left as they were; nothing staged is left behind.
            #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
            let staged = try FileManager.default.contentsOfDirectory(atPath: env.dataDirectory.path).filter { $0.hasPrefix("upload-") }
            #expect(staged.isEmpty)

            let again = BulkSummary(await importer.importAll(Array(files.prefix(10)), parallelism: 2, skipDuplicate: false), seconds: 0)
            #expect(again.skipped == 10 && again.failed == 0)
        }
    }

    @Test("pallet admin import: an unknown owner is refused; a prefix reserved for another account still protects")
    func importRules() async throws {
        try await withTestServer { _, env in
            await #expect(throws: GalleryError.self) {
                _ = try await PackageImporter.principal(gallery: env.gallery, actingAs: nil, ownerName: "nobody")
            }
            let admin = env.gallery.administration(mailer: LogMailer(logger: .init(label: "test")))
            try await admin.reservePrefix("Bobs.", ownerName: "bob", by: .adminCLI())
            let folder = TestPackage.makeTempDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = try TestPackage(id: "Bobs.Tool", version: "1.0.0").write(to: folder)
            let asAlice = PackageImporter(
                gallery: env.gallery, principal: try await PackageImporter.principal(gallery: env.gallery, actingAs: nil, ownerName: "alice"),
                stagingDirectory: env.dataDirectory)
            guard case .failed(let message) = await asAlice.importFile(file, skipDuplicate: true).outcome else {
                Issue.record("imported under another account's reserved prefix"); return
            }
            #expect(message.contains("Bobs."), "\(message)")
            let asBob = PackageImporter(
                gallery: env.gallery, principal: try await PackageImporter.principal(gallery: env.gallery, actingAs: nil, ownerName: "bob"),
                stagingDirectory: env.dataDirectory)
            #expect(await asBob.importFile(file, skipDuplicate: false).outcome == .published)
        }
    }

    @Test("PackageFiles: folders recursively, globs, missing paths named")
    func expandPaths() throws {
        let folder = TestPackage.makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sub = folder.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let one = try TestPackage(id: "One", version: "1.0.0").write(to: folder)
        let two = try TestPackage(id: "Two", version: "1.0.0").write(to: sub)
        try Data().write(to: folder.appendingPathComponent("One.1.0.0.snupkg"))
        #expect(Set(try PackageFiles.expand([folder.path]).map(\.lastPathComponent)) == [one.lastPathComponent, two.lastPathComponent])
        #expect(try PackageFiles.expand([folder.path + "/*.nupkg"]).map(\.lastPathComponent) == [one.lastPathComponent])
        #expect(try PackageFiles.expand([one.path, folder.path]).count == 2)
        #expect(throws: PackageFiles.NotFound.self) { try PackageFiles.expand([folder.path + "/missing.nupkg"]) }
        #expect(throws: PackageFiles.NotFound.self) { try PackageFiles.expand([folder.path + "/*.zip"]) }
    }
}

/// Lines a progress reporter wrote.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    var append: @Sendable (String) -> Void { { [self] text in lock.withLock { lines.append(text.trimmingCharacters(in: .newlines)) } } }
}
