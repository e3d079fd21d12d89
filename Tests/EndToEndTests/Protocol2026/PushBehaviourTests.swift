import Foundation
import Gallery
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// What a push says besides 201 (protocol §13): an identical re-push is told apart from a conflict, a key
/// about to expire is warned about, and MCP server packages are checked.
@Suite("Push behaviour (2026)")
struct PushBehaviourTests {
    @Test("an identical re-push is 409 saying so; different bytes keep the standard wording")
    func identicalRepush() async throws {
        try await withTestServer { client, env in
            let original = try await client.pushCreated(package("Same.Bytes", "1.0.0"), apiKey: env.apiKey)
            let same = try await client.push(original, apiKey: env.apiKey)
            #expect(same.status == .conflict)
            #expect(same.status.reasonPhrase
                    == "A package with ID 'Same.Bytes' and version '1.0.0' already exists with identical content; nothing was changed.")
            let other = try await client.push(try package("Same.Bytes", "1.0.0") { $0.description = "other" }.data(), apiKey: env.apiKey)
            #expect(other.status == .conflict)
            #expect(other.status.reasonPhrase == "A package with ID 'Same.Bytes' and version '1.0.0' already exists and cannot be modified.")
        }
    }

    @Test("a write with a key expiring within 7 days carries X-NuGet-Warning; a fresh key does not")
    func expiringKeyWarning() async throws {
        try await withTestServer { client, env in
            let (_, soon) = try await env.gallery.accounts.createAPIKey(
                userName: "alice", name: "short", scopes: [.push, .pushVersions, .unlist], expiresInDays: 3, by: .adminCLI())
            let pushed = try await client.push(try package("Warned.Pkg", "1.0.0").data(), apiKey: soon)
            #expect(pushed.status == .created)
            let warnings = pushed.headers[values: .init("X-NuGet-Warning")!]
            #expect(warnings.contains { $0.hasPrefix("The API key 'short' expires in 3 days") })
            let unlisted = try await client.unlist("Warned.Pkg", "1.0.0", apiKey: soon)
            #expect(unlisted.headers[.init("X-NuGet-Warning")!]?.contains("expires in") == true)
            let fresh = try await client.push(try package("Warned.Pkg", "2.0.0").data(), apiKey: env.apiKey)
            #expect(fresh.headers[values: .init("X-NuGet-Warning")!].isEmpty, "a key with 30 days left is not warned about")
        }
    }

    static func mcpServer(_ serverJSON: String?) -> TestPackage {
        package("Contoso.Mcp", "1.0.0") {
            $0.packageTypes = ["DotnetTool", "McpServer"]
            if let serverJSON { $0.files[".mcp/server.json"] = Data(serverJSON.utf8) }
        }
    }

    @Test("MCP server packages: McpServer needs DotnetTool; .mcp/server.json must be a JSON object of ≤ 20,000 characters")
    func mcpServerPackages() async throws {
        try await withTestServer { client, env in
            let withoutTool = try await client.push(
                try package("Contoso.Mcp", "0.9.0") { $0.packageTypes = ["McpServer"] }.data(), apiKey: env.apiKey)
            #expect(withoutTool.status == .badRequest)
            #expect(withoutTool.status.reasonPhrase == "A package of type McpServer must also be of type DotnetTool.")
            let array = try await client.push(try Self.mcpServer("[1, 2]").data(), apiKey: env.apiKey)
            #expect(array.status == .badRequest)
            #expect(array.status.reasonPhrase == "The package's .mcp/server.json must be a JSON object.")
            let long = #"{"description": ""# + String(repeating: "x", count: 20_001) + #""}"#
            let tooLong = try await client.push(try Self.mcpServer(long).data(), apiKey: env.apiKey)
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.status.reasonPhrase == "The package's .mcp/server.json is longer than 20000 characters.")
            try await client.pushCreated(Self.mcpServer(#"{"name": "io.github.contoso/mcp", "packages": []}"#), apiKey: env.apiKey)
            let hits = try await client.json("/v3/query?packageType=McpServer")
            #expect(hits["data"]?.array?.compactMap { $0["id"]?.string } == ["Contoso.Mcp"])
        }
    }
}
