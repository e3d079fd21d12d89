import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// A client-style restore: starting from the service index only, resolve a dependency graph
/// through registration (dependencies per framework) and download through the flat container,
/// the way packages.config restore and the VS UI do (protocol §0, §3, §4).
@Suite("Restore scenario")
struct RestoreScenarioTests {
    static let targetFramework = "net8.0"

    /// The feed: a diamond (A and B both need Core) plus decoys a wrong resolver would pick.
    static let packages: [TestPackage] = [
        package("App.Main", "1.0.0") {
            $0.dependencyGroups = [(framework: "net8.0", dependencies: [(id: "Lib.A", range: "[1.0.0, )"), (id: "Lib.B", range: "[2.0.0, 3.0.0)")])]
        },
        package("Lib.A", "0.9.0"),
        package("Lib.A", "1.0.0") {
            $0.dependencyGroups = [
                (framework: "net8.0", dependencies: [(id: "Lib.Core", range: "1.2.0")]),
                // A resolver that ignores frameworks would need this package, which does not exist.
                (framework: "netstandard2.0", dependencies: [(id: "Legacy.Shim", range: "[1.0.0, )")]),
            ]
        },
        package("Lib.A", "1.5.0"),
        package("Lib.B", "1.0.0"),
        package("Lib.B", "2.0.0-beta"),
        package("Lib.B", "2.1.0") {
            $0.dependencyGroups = [(framework: nil, dependencies: [(id: "Lib.Core", range: "[1.2.0, 2.0.0)")])]
        },
        package("Lib.B", "3.0.0"),
        package("Lib.Core", "1.0.0"),
        package("Lib.Core", "1.2.0-beta"),
        package("Lib.Core", "1.2.0"),
        package("Lib.Core", "1.3.0"),
    ]

    @Test("every dependency resolves to the lowest applicable version and downloads with the right SHA-512")
    func resolveAndDownload() async throws {
        try await withTestServer { client, env in
            var pushed: [String: Data] = [:]
            for pkg in Self.packages.shuffled() {
                pushed["\(pkg.id.lowercased())/\(pkg.version)"] = try await client.pushCreated(pkg, apiKey: env.apiKey)
            }
            let feed = try await Feed.discover(client)
            let resolved = try await feed.resolve(root: "App.Main", range: "[1.0.0]", framework: Self.targetFramework)
            #expect(resolved == ["app.main": "1.0.0", "lib.a": "1.0.0", "lib.b": "2.1.0", "lib.core": "1.2.0"])

            for (lowerID, version) in resolved.sorted(by: { $0.key < $1.key }) {
                let nupkg = try await feed.download(lowerID: lowerID, version: version)
                let expected = try #require(pushed["\(lowerID)/\(version)"])
                #expect(SHA512.base64(nupkg) == SHA512.base64(expected), "\(lowerID) \(version)")
            }
        }
    }

    /// The client's view of the feed, found from `/v3/index.json` alone.
    struct Feed {
        let client: FeedClient
        let registrationBase: String
        let flatContainer: String

        static func discover(_ client: FeedClient) async throws -> Feed {
            let index = try await client.json("/v3/index.json")
            func resource(_ types: [String]) throws -> String {
                for type in types {
                    if let id = index["resources"]?.array?.first(where: { ($0["@type"]?.strings ?? []).contains(type) })?["@id"]?.string {
                        return id
                    }
                }
                throw Missing(what: types.joined(separator: " | "))
            }
            // NuGet.Client 6.12's lookup order (protocol §1).
            var registration = try resource(["RegistrationsBaseUrl/Versioned", "RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/3.4.0"])
            while registration.hasSuffix("/") { registration.removeLast() }
            var flat = try resource(["PackageBaseAddress/Versioned", "PackageBaseAddress/3.0.0"])
            if !flat.hasSuffix("/") { flat += "/" }
            return Feed(client: client, registrationBase: registration, flatContainer: flat)
        }

        /// Registration leaves of an id: inline pages, or fetched when `items` is absent.
        func catalogEntries(_ lowerID: String) async throws -> [JSON] {
            let index = try await client.json("\(registrationBase)/\(lowerID)/index.json")
            var entries: [JSON] = []
            for page in index["items"]?.array ?? [] {
                var items = page["items"]?.array
                if items == nil { items = try await client.json(try #require(page["@id"]?.string))["items"]?.array }
                entries += (items ?? []).compactMap { $0["catalogEntry"] }
            }
            return entries
        }

        /// Breadth-first: each id's lowest applicable version, then that version's group for `framework`.
        func resolve(root: String, range: String, framework: String) async throws -> [String: String] {
            var resolved: [String: String] = [:]
            var queue = [(root, range)]
            while !queue.isEmpty {
                let (id, rangeText) = queue.removeFirst()
                let lowerID = id.lowercased()
                let range = try #require(ClientRange(rangeText), "range '\(rangeText)' of \(id)")
                let entries = try await catalogEntries(lowerID)
                let candidates = entries.compactMap { $0["version"]?.string.flatMap(ClientVersion.init) }
                let chosen = try #require(range.lowestApplicable(candidates), "\(id) \(rangeText) in \(candidates)")
                if let earlier = resolved[lowerID] {
                    #expect(earlier == lowerNormalized(chosen.text), "\(id): one version for every path")
                    continue
                }
                resolved[lowerID] = lowerNormalized(chosen.text)
                let entry = try #require(entries.first { $0["version"]?.string.flatMap(ClientVersion.init) == chosen })
                let groups = entry["dependencyGroups"]?.array ?? []
                let group = groups.first { $0["targetFramework"]?.string?.lowercased() == framework }
                    ?? groups.first { $0["targetFramework"] == nil }
                for dependency in group?["dependencies"]?.array ?? [] {
                    let dependencyID = try #require(dependency["id"]?.string)
                    #expect(dependency["registration"]?.string == "\(registrationBase)/\(dependencyID.lowercased())/index.json")
                    queue.append((dependencyID, dependency["range"]?.string ?? "(, )"))
                }
            }
            return resolved
        }

        /// PackageReference restore: the version must be in `{flat}{id}/index.json`, then the .nupkg.
        func download(lowerID: String, version: String) async throws -> Data {
            let versions = try await client.json("\(flatContainer)\(lowerID)/index.json")["versions"]?.strings ?? []
            #expect(versions.contains(version), "\(lowerID) \(version) in \(versions)")
            let response = try await client.get("\(flatContainer)\(lowerID)/\(version)/\(lowerID).\(version).nupkg")
            #expect(response.status == .ok)
            return response.data
        }
    }

    struct Missing: Error {
        let what: String
    }
}
