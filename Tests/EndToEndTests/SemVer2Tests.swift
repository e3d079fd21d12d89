import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// SemVer 2.0.0 packages (protocol §4 "Hives", §5, §8): a dotted prerelease, `+metadata`, or a
/// dependency range with a SemVer 2.0.0 bound. Pre-4.3 clients must not see them.
@Suite("SemVer 2.0.0 packages")
struct SemVer2Tests {
    static let semVer2Packages: [(String, String, String?)] = [
        ("Dotted.Pre", "1.0.0-beta.1", nil),
        ("Build.Meta", "1.0.0+sha.5114f85", nil),
        ("Dep.SemVer2", "1.0.0", "[1.0.0-alpha.1, )"),
    ]

    @Test("only in the gz-semver2 hive; the SemVer 1.0.0 hives answer 404", arguments: semVer2Packages)
    func hives(_ id: String, _ version: String, _ dependencyRange: String?) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package(id, version) { pkg in
                if let dependencyRange { pkg.dependencyGroups = [(framework: nil, dependencies: [(id: "Other.Dep", range: dependencyRange)])] }
            }, apiKey: env.apiKey)
            let lowerID = id.lowercased()
            #expect(try await client.get("/v3/registration/\(lowerID)/index.json").status == .notFound)
            #expect(try await client.get("/v3/registration-gz/\(lowerID)/index.json").status == .notFound)
            let index = try await client.json("/v3/registration-gz-semver2/\(lowerID)/index.json")
            let entry = index["items"]?[0]?["items"]?[0]?["catalogEntry"]
            #expect(entry?["version"]?.string == version, "full(v): keeps +metadata")
            // The flat container serves every version regardless of SemVer level.
            #expect(try await client.get("/v3/flat/\(lowerID)/index.json").status == .ok)
        }
    }

    @Test("in search and autocomplete only with semVerLevel=2.0.0", arguments: semVer2Packages)
    func search(_ id: String, _ version: String, _ dependencyRange: String?) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package(id, version) { pkg in
                if let dependencyRange { pkg.dependencyGroups = [(framework: nil, dependencies: [(id: "Other.Dep", range: dependencyRange)])] }
            }, apiKey: env.apiKey)
            #expect(try await client.json("/v3/query?q=\(id)&prerelease=true")["totalHits"]?.int == 0)
            let semVer2 = try await client.json("/v3/query?q=\(id)&prerelease=true&semVerLevel=2.0.0")
            #expect(semVer2["totalHits"]?.int == 1)
            #expect(semVer2["data"]?[0]?["version"]?.string == version)
            #expect(try await client.json("/v3/autocomplete?q=\(id)&prerelease=true")["data"]?.strings.contains(id) == false)
            #expect(try await client.json("/v3/autocomplete?q=\(id)&prerelease=true&semVerLevel=2.0.0")["data"]?.strings.contains(id) == true)
        }
    }

    @Test("a SemVer 1.0.0 version of the same id stays in every hive; the SemVer 2.0.0 one only in gz-semver2")
    func mixed() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Mixed.Pkg", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Mixed.Pkg", "2.0.0-rc.1"), apiKey: env.apiKey)
            func versions(_ hive: String) async throws -> [String] {
                let index = try await client.json("/v3/\(hive)/mixed.pkg/index.json")
                return (index["items"]?.array ?? []).flatMap { $0["items"]?.array ?? [] }.compactMap { $0["catalogEntry"]?["version"]?.string }
            }
            #expect(try await versions("registration") == ["1.0.0"])
            #expect(try await versions("registration-gz") == ["1.0.0"])
            #expect(try await versions("registration-gz-semver2") == ["1.0.0", "2.0.0-rc.1"])
            let semVer1 = try await client.json("/v3/query?q=Mixed.Pkg&prerelease=true")
            #expect(semVer1["data"]?[0]?["version"]?.string == "1.0.0")
            let semVer2 = try await client.json("/v3/query?q=Mixed.Pkg&prerelease=true&semVerLevel=2.0.0")
            #expect(semVer2["data"]?[0]?["version"]?.string == "2.0.0-rc.1")
        }
    }
}
