import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import NuGetCore
import PalletTestSupport
import Testing

/// `PUT /api/v2/package/{id}/deprecations` as nuget.org shapes it, and where a deprecation shows
/// (registration `catalogEntry.deprecation`, search `deprecation`, one catalog entry per change; protocol §11).
@Suite("Deprecation")
struct DeprecationTests {
    static func body(_ fields: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: fields)
    }

    static func deprecate(_ client: FeedClient, _ id: String, apiKey: String?, _ fields: [String: Any]) async throws -> TestResponse {
        try await deprecate(client, id, apiKey: apiKey, json: try body(fields))
    }

    static func deprecate(_ client: FeedClient, _ id: String, apiKey: String?, json: Data) async throws -> TestResponse {
        var headers = FeedClient.keyHeaders(apiKey)
        headers[.contentType] = "application/json"
        return try await client.send(.put, "/api/v2/package/\(id)/deprecations", headers: headers, body: json)
    }

    static func catalogItemCount(_ client: FeedClient) async throws -> Int {
        let index = try await client.json("/v3/catalog/index.json")
        return index["items"]?.array?.compactMap { $0["count"]?.int }.reduce(0, +) ?? 0
    }

    @Test("deprecating shows in registration, search and the catalog; no reason un-deprecates")
    func roundTrip() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Old.Lib", "1.0.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("Old.Lib", "1.1.0"), apiKey: env.apiKey)
            try await client.pushCreated(package("New.Lib", "2.0.0"), apiKey: env.apiKey)
            let before = try await Self.catalogItemCount(client)

            let response = try await Self.deprecate(client, "old.lib", apiKey: env.apiKey, [
                "versions": ["1.0.0", "1.1.0"], "isLegacy": true, "hasCriticalBugs": true, "isOther": false,
                "alternatePackageId": "new.lib", "alternatePackageVersion": "2.0.0", "message": "Use New.Lib.",
                "listedVerb": "Unchanged",
            ])
            #expect(response.status == .ok, "\(response.text)")
            #expect(try await Self.catalogItemCount(client) == before + 2, "one catalog item per changed version")

            let index = try await client.json("/v3/registration-gz-semver2/old.lib/index.json")
            let leaves = try #require(index["items"]?[0]?["items"]?.array)
            for leaf in leaves {
                let deprecation = try #require(leaf["catalogEntry"]?["deprecation"])
                #expect(deprecation["reasons"]?.strings == ["Legacy", "CriticalBugs"])
                #expect(deprecation["message"]?.string == "Use New.Lib.")
                #expect(deprecation["alternatePackage"]?["id"]?.string == "New.Lib", "the alternate's registered casing")
                #expect(deprecation["alternatePackage"]?["range"]?.string == "[2.0.0, )")
                #expect(leaf["catalogEntry"]?["listed"]?.bool == true, "listedVerb Unchanged keeps the listing")
            }
            let hit = try #require(try await client.json("/v3/query?q=Old.Lib")["data"]?[0])
            #expect(hit["deprecation"]?["reasons"]?.strings == ["Legacy", "CriticalBugs"])

            let undo = try await Self.deprecate(client, "Old.Lib", apiKey: env.apiKey, ["versions": ["1.0.0"]])
            #expect(undo.status == .ok)
            let after = try await client.json("/v3/registration-gz-semver2/old.lib/index.json")
            let versions = try #require(after["items"]?[0]?["items"]?.array)
            #expect(versions[0]["catalogEntry"]?["deprecation"] == nil, "no reason un-deprecates 1.0.0")
            #expect(versions[1]["catalogEntry"]?["deprecation"] != nil, "1.1.0 was not named")
        }
    }

    @Test("listedVerb Unlist deprecates and unlists in one change")
    func unlist() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Gone.Lib", "1.0.0"), apiKey: env.apiKey)
            let response = try await Self.deprecate(client, "Gone.Lib", apiKey: env.apiKey, [
                "versions": ["1.0.0"], "isOther": true, "message": "Abandoned.", "listedVerb": "Unlist",
            ])
            #expect(response.status == .ok)
            let leaf = try await client.json("/v3/registration-gz-semver2/gone.lib/1.0.0.json")
            #expect(leaf["listed"]?.bool == false)
            #expect(try await client.json("/v3/query?q=Gone.Lib")["totalHits"]?.int == 0)
        }
    }

    @Test("refusals answer a 4xx with the reason in the reason phrase", arguments: [
        (#"{"versions": ["1.0.0"], "isLegacy": true, "alternatePackageId": "No.Such.Package"}"#,
         HTTPResponse.Status.badRequest, "The alternate package 'No.Such.Package' was not found."),
        (#"{"versions": ["1.0.0"], "isLegacy": true, "alternatePackageId": "Kept.Lib", "alternatePackageVersion": "3.0.0"}"#,
         .badRequest, "The alternate package 'Kept.Lib' version '3.0.0' was not found."),
        (#"{"versions": ["9.9.9"], "isLegacy": true}"#, .notFound, "Package 'Kept.Lib' version '9.9.9' was not found."),
        (#"{"versions": [], "isLegacy": true}"#, .badRequest, "The deprecation request needs 'versions': at least one version."),
        (#"{"versions": ["1.0.0"], "isLegacy": true, "listedVerb": "Hide"}"#, .badRequest,
         "'listedVerb' must be Unchanged, Unlist or Relist, not 'Hide'."),
        (#"{"versions": ["1.0.0"], "isLegacy": "yes"}"#, .badRequest, "The deprecation request's 'isLegacy' has the wrong type."),
        ("not json", .badRequest, "The deprecation request must be a JSON object with 'versions' and the reasons."),
    ])
    func refusals(_ json: String, _ status: HTTPResponse.Status, _ message: String) async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Kept.Lib", "1.0.0"), apiKey: env.apiKey)
            let response = try await Self.deprecate(client, "Kept.Lib", apiKey: env.apiKey, json: Data(json.utf8))
            #expect(response.status == status)
            #expect(response.status.reasonPhrase == message)
            #expect(response.text.trimmingCharacters(in: .newlines) == message)
        }
    }

    @Test("only owners with the unlist scope may deprecate")
    func authorization() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Mine.Lib", "1.0.0"), apiKey: env.apiKey)
            let stranger = try await Self.deprecate(client, "Mine.Lib", apiKey: env.otherAPIKey, ["versions": ["1.0.0"], "isLegacy": true])
            #expect(stranger.status == .forbidden)
            let (_, pushOnly) = try await env.gallery.accounts.createAPIKey(
                userName: "alice", name: "push-only", scopes: [.pushVersions], by: .adminCLI())
            let scoped = try await Self.deprecate(client, "Mine.Lib", apiKey: pushOnly, ["versions": ["1.0.0"], "isLegacy": true])
            #expect(scoped.status == .forbidden)
            #expect(scoped.status.reasonPhrase.contains("unlist"))
            let anonymous = try await Self.deprecate(client, "Mine.Lib", apiKey: nil, ["versions": ["1.0.0"], "isLegacy": true])
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("the admin command line deprecates as the operator, audited")
    func administration() async throws {
        try await withTestServer { client, env in
            try await client.pushCreated(package("Admin.Lib", "1.0.0"), apiKey: env.apiKey)
            let changed = try await env.gallery.deprecate(
                try PackageID(validating: "Admin.Lib"),
                DeprecationRequest(versions: [try NuGetVersion(parsing: "1.0")], reasons: [.criticalBugs]), by: .adminCLI())
            #expect(changed.map(\.normalizedVersion) == ["1.0.0"])
            let again = try await env.gallery.deprecate(
                try PackageID(validating: "Admin.Lib"),
                DeprecationRequest(versions: [try NuGetVersion(parsing: "1.0.0")], reasons: [.criticalBugs]), by: .adminCLI())
            #expect(again.isEmpty, "the same deprecation again changes nothing")
            let leaf = try await client.json("/v3/registration-gz-semver2/admin.lib/1.0.0.json")
            let entryURL = try #require(leaf["catalogEntry"]?.string)
            let entry = try await client.json(entryURL)
            #expect(entry["deprecation"]?["reasons"]?.strings == ["CriticalBugs"])
            let events = try await env.gallery.store.auditEvents(since: nil)
            #expect(events.filter { $0.action == "package.deprecated" }.map(\.target) == ["package Admin.Lib 1.0.0"])
        }
    }
}
