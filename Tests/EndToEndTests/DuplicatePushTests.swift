import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// A used id+version is never replaced (protocol §2): 409, the only answer `--skip-duplicate`
/// tolerates, whatever the spelling of the id or version (§12.4).
@Suite("Duplicate push")
struct DuplicatePushTests {
    /// (first push, second push) that name the same package version.
    static let spellings: [((String, String), (String, String))] = [
        (("Dup.Pkg", "1.0.0"), ("Dup.Pkg", "1.0.0")),
        (("Dup.Pkg", "1.0.0"), ("DUP.pkg", "1.0.0")),
        (("Dup.Pkg", "1.0"), ("Dup.Pkg", "1.0.0")),
        (("Dup.Pkg", "1.0.0"), ("Dup.Pkg", "1.0.0.0")),
        (("Dup.Pkg", "1.0.0"), ("Dup.Pkg", "1.0.0+build.5")),
        (("Dup.Pkg", "1.0.0-Beta"), ("dup.pkg", "1.0.0-beta+sha.1")),
    ]

    @Test("second push of the same version is 409 with the standard message", arguments: spellings)
    func duplicate(_ first: (String, String), _ second: (String, String)) async throws {
        try await withTestServer { client, env in
            let original = try await client.pushCreated(package(first.0, first.1) { $0.description = "original" }, apiKey: env.apiKey)
            let again = try await client.push(try package(second.0, second.1) { $0.description = "replacement" }.data(), apiKey: env.apiKey)
            #expect(again.status == .conflict)
            let lowerVersion = lowerNormalized(first.1)
            // nuget.org names the package as the pushed nuspec spells it, with the normalized version.
            #expect(again.text.trimmingCharacters(in: .newlines)
                    == "A package with ID '\(second.0)' and version '\(normalized(second.1))' already exists and cannot be modified.")
            // The first bytes stay: a version is immutable.
            let served = try await client.get(FeedClient.nupkgPath(first.0.lowercased(), lowerVersion))
            #expect(served.data == original)
            #expect(try await client.json("/v3/flat/\(first.0.lowercased())/index.json")["versions"]?.strings == [lowerVersion])
        }
    }

    @Test("pushing the identical bytes again is 409 and keeps the stored package")
    func identicalBytes() async throws {
        try await withTestServer { client, env in
            let original = try await client.pushCreated(package("Owned.Dup", "2.0.0"), apiKey: env.apiKey)
            let same = try await client.push(original, apiKey: env.apiKey)
            #expect(same.status == .conflict, "pushing the identical bytes again is a duplicate too")
            let served = try await client.get(FeedClient.nupkgPath("owned.dup", "2.0.0"))
            #expect(served.data == original)
        }
    }
}
