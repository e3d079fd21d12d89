import Foundation
import Gallery
import NuGetCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PalletApp
import Logging
import PalletTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two real Pallet instances: B has A as upstream (A on a real socket, B through the router). A restore-style
/// resolution through B of a graph that lives partly in B and partly in A; local ids shadow A's; a prefix
/// reserved on B is never fetched; then A stopped: what B cached is still served, the rest answered 502.
@Suite("Upstreams: B pulls through from A")
struct UpstreamTests {
    /// A port nobody listens on right now (bound and released), for A, so B can be configured before A starts.
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func write(_ nupkg: Data) throws -> URL {
        let file = TestPackage.makeTempDirectory().appendingPathComponent("\(UUID().uuidString).nupkg")
        try nupkg.write(to: file)
        return file
    }

    static func versions(_ response: TestResponse) throws -> [String] {
        struct Versions: Decodable { let versions: [String] }
        return try JSONDecoder().decode(Versions.self, from: response.data).versions
    }

    @Test("restore through B of a graph in B and A; local wins; reserved prefixes protect; A down")
    func pullThrough() async throws {
        let port = try Self.freePort()
        let libNupkg = try package("A.Lib", "1.0.0").data()
        try await withTestServer(configure: { config in
            config.upstreams = ["http://127.0.0.1:\(port)/v3/index.json"]
            config.upstreamTimeoutSeconds = 60  // no test waits for a timeout: a loaded machine must not turn a slow answer into a 504
        }) { b, bEnv in
            // B's own: an app depending on A.Lib, a local Shared.Id, and a reservation of Corp.
            try await b.pushCreated(package("B.App", "1.0.0") { $0.dependencyGroups = [(nil, [("A.Lib", "[1.0.0, )")])] }, apiKey: bEnv.apiKey)
            try await b.pushCreated(package("Shared.Id", "3.0.0"), apiKey: bEnv.apiKey)
            let admin = bEnv.gallery.administration(mailer: LogMailer(logger: Logger(label: "test")))
            try await admin.reservePrefix("Corp.", ownerName: "bob", by: .adminCLI())

            try await withUpstreamServer(port: port) { push, _ in
                for file in [try Self.write(libNupkg), try Self.write(try package("A.Lib", "2.0.0").data()),
                             try Self.write(try package("Shared.Id", "1.0.0").data()), try Self.write(try package("Corp.Internal", "9.0.0").data())] {
                    #expect(await push.push(file, skipDuplicate: false).outcome == .published)
                }

                // Restore of B.App: its list and nuspec are B's, its dependency comes from A through B.
                #expect(try Self.versions(try await b.get("/v3/flat/b.app/index.json")) == ["1.0.0"])
                let nuspec = try await b.get("/v3/flat/b.app/1.0.0/b.app.nuspec")
                #expect(nuspec.status == .ok && nuspec.text.contains("A.Lib"))
                let lib = try await b.get("/v3/flat/a.lib/index.json")
                #expect(lib.status == .ok)
                #expect(try Self.versions(lib) == ["1.0.0", "2.0.0"])
                let libNuspec = try await b.get("/v3/flat/a.lib/1.0.0/a.lib.nuspec")
                #expect(libNuspec.status == .ok && libNuspec.text.contains("<id>A.Lib</id>"))
                let download = try await b.get(FeedClient.nupkgPath("a.lib", "1.0.0"))
                #expect(download.status == .ok)
                #expect(download.data == libNupkg, "the fetched package is byte-identical")

                // Local wins: B's Shared.Id hides A's; a reserved prefix is never asked for.
                #expect(try Self.versions(try await b.get("/v3/flat/shared.id/index.json")) == ["3.0.0"])
                #expect(try await b.get(FeedClient.nupkgPath("shared.id", "1.0.0")).status == .notFound)
                #expect(try await b.get("/v3/flat/corp.internal/index.json").status == .notFound)
                #expect(try await b.get(FeedClient.nupkgPath("corp.internal", "9.0.0")).status == .notFound)
                #expect(try await b.get("/v3/flat/nobody.has.this/index.json").status == .notFound)
            }

            // A is stopped: the cached list and package are still served; what was never fetched is a 502.
            #expect(try Self.versions(try await b.get("/v3/flat/a.lib/index.json")) == ["1.0.0", "2.0.0"])
            let cached = try await b.get(FeedClient.nupkgPath("a.lib", "1.0.0"))
            #expect(cached.status == .ok && cached.data == libNupkg)
            let asked = ContinuousClock.now
            let uncached = try await b.get(FeedClient.nupkgPath("a.lib", "2.0.0"))
            print("Upstream down: an uncached package was answered \(uncached.status.code) after \(ContinuousClock.now - asked)")
            #expect(uncached.status == .badGateway, "\(uncached.status)")
            #expect(uncached.text.contains("127.0.0.1:\(port)"), "\(uncached.text)")
            let unknown = try await b.get("/v3/flat/never.seen/index.json")
            #expect(unknown.status == .badGateway, "\(unknown.status) \(unknown.text)")
            // B's own packages are unaffected.
            #expect(try await b.get(FeedClient.nupkgPath("b.app", "1.0.0")).status == .ok)
        }
    }
}

/// A real Pallet server ("A") listening on `port` for as long as `body` runs (the test harness always picks a
/// port of its own, and B must be configured with A's address before A starts); `body` gets a push client for
/// alice. A is stopped (its task cancelled) and its stores closed when `body` returns.
func withUpstreamServer(port: Int, _ body: @escaping @Sendable (PushClient, PackageGallery) async throws -> Void) async throws {
    try await withTemporaryDataDirectory { directory in
        var config = try await testConfig(dataDirectory: directory)
        config.port = port
        config.baseURL = "http://127.0.0.1:\(port)"
        var logger = Logger(label: "pallet.upstream-a")
        logger.logLevel = .error
        let (listening, started) = AsyncStream<Void>.makeStream()
        let (app, gallery) = try await PalletServer.makeApplication(config: config, logger: logger) { _ in started.yield() }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        do {
            for await _ in listening { break }
            let key = try await publisherKey(gallery, user: "alice")
            try await body(try await PushClient.resolving(source: "http://127.0.0.1:\(port)/v3/index.json", apiKey: key), gallery)
        } catch {
            server.cancel()
            _ = try? await server.value
            await gallery.shutdown()
            throw error
        }
        server.cancel()
        _ = try? await server.value
        await gallery.shutdown()
    }
}

@Suite("pallet mirror: follows A's catalog")
struct MirrorTests {
    @Test("copies A's packages byte-identical with unlisted ones unlisted, and resumes from its cursor")
    func mirror() async throws {
        let port = try UpstreamTests.freePort()
        let first = try package("Mirror.One", "1.0.0").data()
        let hidden = try package("Mirror.One", "2.0.0").data()
        let later = try package("Mirror.Two", "1.0.0").data()
        try await withTestServer { b, bEnv in
            try await withUpstreamServer(port: port) { push, a in
                for nupkg in [first, hidden] {
                    #expect(await push.push(try UpstreamTests.write(nupkg), skipDuplicate: false).outcome == .published)
                }
                _ = try await a.setListed(false, id: try PackageID(validating: "Mirror.One"), version: try NuGetVersion(parsing: "2.0.0"), by: .adminCLI())

                let principal = try await PackageImporter.principal(gallery: bEnv.gallery, actingAs: nil, ownerName: "bob")
                let mirror = CatalogMirror(
                    source: "http://127.0.0.1:\(port)/v3/index.json", gallery: bEnv.gallery, principal: principal,
                    dataDirectory: bEnv.dataDirectory)
                let results = try await mirror.run(parallelism: 2)
                #expect(BulkSummary(results, seconds: 0).published == 2)
                #expect(try await b.get(FeedClient.nupkgPath("mirror.one", "1.0.0")).data == first)
                #expect(try await b.get(FeedClient.nupkgPath("mirror.one", "2.0.0")).data == hidden)
                let versions = try await bEnv.gallery.store.versions(ofLowerID: "mirror.one")
                #expect(versions.first { $0.normalizedVersion == "2.0.0" }?.listed == false)
                #expect(versions.first { $0.normalizedVersion == "1.0.0" }?.listed == true)
                #expect(mirror.cursor() != nil)

                // Again: nothing new. Then one more package on A: only it is copied.
                #expect(try await mirror.run(parallelism: 2).isEmpty)
                #expect(await push.push(try UpstreamTests.write(later), skipDuplicate: false).outcome == .published)
                let resumed = try await mirror.run(parallelism: 2)
                #expect(resumed.count == 1)
                #expect(try await b.get(FeedClient.nupkgPath("mirror.two", "1.0.0")).data == later)
            }
        }
    }
}
