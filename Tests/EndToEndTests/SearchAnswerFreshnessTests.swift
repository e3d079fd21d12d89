import Foundation
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// Search and autocomplete answers are kept while the index is unchanged (`SearchAnswerCache`); the same request
/// asked again after each write answers the new state, on both backends.
@Suite("Search answers follow every change to the index")
struct SearchAnswerFreshnessTests {
    @Test("the same query, autocomplete and version list asked again after a push, an unlist and a relist")
    func freshness() async throws {
        try await withTestServer { client, env in
            let query = "/v3/query?q=Fresh.Lib&prerelease=true"
            let ids = "/v3/autocomplete?q=fresh"
            let versions = "/v3/autocomplete?id=fresh.lib&prerelease=true"
            func state() async throws -> (hits: Int?, latest: String?, ids: [String]?, versions: [String]?) {
                let search = try await client.json(query)
                return (search["totalHits"]?.int, search["data"]?[0]?["version"]?.string,
                        try await client.json(ids)["data"]?.strings, try await client.json(versions)["data"]?.strings)
            }
            #expect(try await state() == (0, nil, [], []))
            #expect(try await state() == (0, nil, [], []))   // answered from the cache now

            try await client.pushCreated(package("Fresh.Lib", "1.0.0"), apiKey: env.apiKey)
            #expect(try await state() == (1, "1.0.0", ["Fresh.Lib"], ["1.0.0"]))
            try await client.pushCreated(package("Fresh.Lib", "2.0.0-beta"), apiKey: env.apiKey)
            #expect(try await state() == (1, "2.0.0-beta", ["Fresh.Lib"], ["1.0.0", "2.0.0-beta"]))

            #expect(try await client.unlist("Fresh.Lib", "2.0.0-beta", apiKey: env.apiKey).status == .noContent)
            #expect(try await state() == (1, "1.0.0", ["Fresh.Lib"], ["1.0.0"]))
            #expect(try await client.unlist("Fresh.Lib", "1.0.0", apiKey: env.apiKey).status == .noContent)
            #expect(try await state() == (0, nil, [], []))
            #expect(try await client.relist("Fresh.Lib", "2.0.0-beta", apiKey: env.apiKey).status == .ok)
            // Autocomplete's ids ask without prerelease=true: an id whose only listed version is a prerelease is left out.
            #expect(try await state() == (1, "2.0.0-beta", [], ["2.0.0-beta"]))
        }
    }
}
