import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// 128 versions or more: the index lists page references without items and each page is its own
/// document (protocol §4 "Page object"), which clients fetch only when its bounds matter.
@Suite("Registration paging")
struct RegistrationPagingTests {
    static let versionCount = 130

    @Test("130 versions: pages of 64 by reference, each fetchable with items, lower/upper and parent")
    func pages() async throws {
        try await withTestServer { client, env in
            for patch in 0..<Self.versionCount {
                try await client.pushCreated(package("Many.Versions", "1.0.\(patch)"), apiKey: env.apiKey)
            }
            let indexURL = env.baseURL + "/v3/registration/many.versions/index.json"
            let index = try await client.json(indexURL)
            let pages = try #require(index["items"]?.array)
            #expect(index["count"]?.int == pages.count)
            #expect(pages.map { $0["count"]?.int } == [64, 64, 2])
            #expect(pages.map { $0["lower"]?.string } == ["1.0.0", "1.0.64", "1.0.128"])
            #expect(pages.map { $0["upper"]?.string } == ["1.0.63", "1.0.127", "1.0.129"])
            var seen: [String] = []
            for reference in pages {
                #expect(reference["items"] == nil, "not inlined at 128+ versions")
                let pageURL = try #require(reference["@id"]?.string)
                #expect(!pageURL.contains("#"), "a fetched page has a URL of its own")
                let page = try await client.json(pageURL)
                #expect(page["@id"]?.string == pageURL)
                #expect(page["parent"]?.string == indexURL)
                #expect(page["lower"] == reference["lower"] && page["upper"] == reference["upper"])
                let leaves = try #require(page["items"]?.array, "items are required on a fetched page")
                #expect(leaves.count == reference["count"]?.int)
                seen += leaves.compactMap { $0["catalogEntry"]?["version"]?.string }
                for leaf in leaves { #expect(leaf["packageContent"]?.string?.hasPrefix(env.baseURL + "/v3/flat/") == true) }
            }
            #expect(seen == (0..<Self.versionCount).map { "1.0.\($0)" })
            #expect(try await client.json("/v3/flat/many.versions/index.json")["versions"]?.array?.count == Self.versionCount)
        }
    }

    @Test("65 versions (under 128) stay inlined, in two pages of at most 64")
    func inlinedUnder128() async throws {
        try await withTestServer { client, env in
            for patch in 0..<65 {
                try await client.pushCreated(package("Inline.Versions", "2.0.\(patch)"), apiKey: env.apiKey)
            }
            let index = try await client.json("/v3/registration-gz-semver2/inline.versions/index.json")
            let pages = try #require(index["items"]?.array)
            #expect(pages.map { $0["count"]?.int } == [64, 1])
            #expect(pages.allSatisfy { $0["items"]?.array?.count == $0["count"]?.int })
        }
    }
}
