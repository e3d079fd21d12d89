import Foundation
import Gallery
import NuGetCore
import HTTPTypes
import HummingbirdTesting
import PalletTestSupport
import Testing

/// An end-to-end smoke of the authorization rules over HTTP: every write endpoint × a few kinds of principal
/// → the expected status and message, and nothing stored on refusal. V3 (PackagePublish) and V2 share the
/// routes, but push is sent to both spellings. The full table (every action × every principal) runs without
/// a server in `AuthorizationTableTests`.
@Suite("Authorization smoke over HTTP")
struct AuthorizationMatrixTests {
    enum Endpoint: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// `PUT /api/v2/package/` (V3 PackagePublish, also nuget.exe's V2 push).
        case pushPackagePublish
        /// `PUT /api/v2/` (V2 feed root, NuGet.Server style).
        case pushV2Root
        /// `DELETE /api/v2/package/{id}/{version}` (V3 unlist = V2 delete).
        case unlist
        /// `POST /api/v2/package/{id}/{version}` (relist).
        case relist

        var isPush: Bool { self == .pushPackagePublish || self == .pushV2Root }
        var testDescription: String { rawValue }
    }

    enum Outcome: Equatable {
        case allowed
        case refused(HTTPResponse.Status, String)
    }

    /// One principal of each outcome: 401, 403 for scope, 403 for a reservation, allowed as owner and as organization member.
    static let smoke: [MatrixPrincipal] = [.noKey, .expiredKey, .keyWithoutScope, .owner, .orgCollaborator, .nonOwnerUnderReservedPrefix]

    @Test("write endpoint × principal", arguments: Endpoint.allCases, Self.smoke)
    func matrix(_ endpoint: Endpoint, _ principal: MatrixPrincipal) async throws {
        try await withTestServer { client, env in
            let fixture = try await IdentityFixture.make(client, env)
            let (target, apiKey) = try await principal.prepare(fixture, endpoint: endpoint)
            if endpoint == .relist {
                _ = try await fixture.gallery.setListed(false, id: PackageID(stringLiteral: target.id), version: "1.0.0", by: .adminCLI())
            }
            let before = try await fixture.snapshot(env)
            let response: TestResponse
            switch endpoint {
            case .pushPackagePublish:
                response = try await client.push(try package(target.id, target.pushVersion).data(), apiKey: apiKey)
            case .pushV2Root:
                response = try await client.push(try package(target.id, target.pushVersion).data(), apiKey: apiKey, path: "/api/v2/")
            case .unlist:
                response = try await client.unlist(target.id, "1.0.0", apiKey: apiKey)
            case .relist:
                response = try await client.relist(target.id, "1.0.0", apiKey: apiKey)
            }
            let expected = principal.expected(endpoint, target: target)
            switch expected {
            case .allowed:
                let status: HTTPResponse.Status = endpoint.isPush ? .created : endpoint == .unlist ? .noContent : .ok
                #expect(response.status == status, "\(response.status) \(response.text)")
                let after = try await fixture.snapshot(env)
                #expect(after.catalogCount == before.catalogCount + 1, "one catalog commit")
                #expect(after.writes == before.writes + 1, "the write is audited")
            case .refused(let status, let message):
                #expect(response.status == status)
                #expect(response.text.trimmingCharacters(in: .newlines) == message)
                #expect(try await fixture.snapshot(env) == before, "nothing stored on refusal")
            }
        }
    }
}
