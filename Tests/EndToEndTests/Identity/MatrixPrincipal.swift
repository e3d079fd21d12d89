import Foundation
import Gallery
import HTTPTypes
import Testing

/// The principals of the authorization matrix: who sends the request and which package it aims at.
enum MatrixPrincipal: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case noKey, unknownKey, revokedKey, expiredKey, otherUsersKey, keyWithoutScope, pushVersionsKeyNewID
    case keyExcludingPackage, owner, ownerPushVersionsKey, orgCollaborator, orgAdmin, orgKeyAfterLeaving, deletedUser
    case nonOwnerUnderReservedPrefix, reservationOwnerNewID, openReservation, siteAdmin

    var testDescription: String { rawValue }

    /// The package a principal aims at: pushes add `pushVersion`; unlist and relist act on 1.0.0.
    struct Target {
        let id: String
        let pushVersion: String
        var isNewID: Bool { pushVersion == "1.0.0" }
    }

    static let required = "An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey)."
    static let invalid = "The API key is invalid or has been revoked."

    /// Creates the key (and any state the case needs) and names the target.
    func prepare(_ f: IdentityFixture, endpoint: AuthorizationMatrixTests.Endpoint) async throws -> (Target, String?) {
        let existing = Target(id: "Alice.Lib", pushVersion: "2.0.0")
        switch self {
        case .noKey: return (existing, nil)
        case .unknownKey: return (existing, "pallet_" + String(repeating: "0", count: 64))
        case .revokedKey:
            let key = try await f.key("alice", name: "matrix")
            try await f.gallery.accounts.revokeAPIKey(userName: "alice", keyName: "matrix", by: .adminCLI())
            return (existing, key)
        case .expiredKey: return (existing, try await f.expiredKey("alice"))
        case .otherUsersKey: return (existing, f.bobKey)
        case .keyWithoutScope:
            return (existing, try await f.key("alice", name: "matrix", scopes: endpoint.isPush ? [.unlist] : [.push, .pushVersions]))
        case .pushVersionsKeyNewID:
            let target = endpoint.isPush ? Target(id: "Alice.New", pushVersion: "1.0.0") : existing
            return (target, try await f.key("alice", name: "matrix", scopes: [.pushVersions]))
        case .keyExcludingPackage: return (existing, try await f.key("alice", name: "matrix", globs: ["Other.*"], ids: ["Alice.Other"]))
        case .owner: return (existing, f.aliceKey)
        case .ownerPushVersionsKey:
            return (existing, try await f.key("alice", name: "matrix", scopes: [.pushVersions, .unlist], globs: ["alice.*"]))
        case .orgCollaborator: return (Target(id: "Contoso.Lib", pushVersion: "2.0.0"), try await f.key("carol", owner: "Contoso", name: "matrix"))
        case .orgAdmin: return (Target(id: "Contoso.Lib", pushVersion: "2.0.0"), try await f.key("dave", name: "matrix"))
        case .orgKeyAfterLeaving:
            let key = try await f.key("carol", owner: "Contoso", name: "matrix")
            try await f.admin.removeMember(organizationName: "Contoso", userName: "carol", by: .adminCLI())
            return (Target(id: "Contoso.Lib", pushVersion: "2.0.0"), key)
        case .deletedUser:
            let key = try await f.key("carol", name: "matrix")
            try await f.admin.deleteAccount(name: "carol", by: .adminCLI())
            return (existing, key)
        case .nonOwnerUnderReservedPrefix:
            return (endpoint.isPush ? Target(id: "Contoso.New", pushVersion: "1.0.0") : Target(id: "Contoso.Lib", pushVersion: "2.0.0"), f.bobKey)
        case .reservationOwnerNewID:
            return (endpoint.isPush ? Target(id: "Contoso.New", pushVersion: "1.0.0") : Target(id: "Contoso.Lib", pushVersion: "2.0.0"),
                    try await f.key("carol", owner: "Contoso", name: "matrix"))
        case .openReservation:
            return (endpoint.isPush ? Target(id: "Open.New", pushVersion: "1.0.0") : Target(id: "Open.Bob", pushVersion: "2.0.0"), f.bobKey)
        case .siteAdmin: return (existing, try await f.key("root", name: "matrix"))
        }
    }

    /// The answer the case must get.
    func expected(_ endpoint: AuthorizationMatrixTests.Endpoint, target: Target) -> AuthorizationMatrixTests.Outcome {
        let notOwner = AuthorizationMatrixTests.Outcome.refused(.forbidden, "You are not an owner of package '\(target.id)'.")
        switch self {
        case .noKey: return .refused(.unauthorized, Self.required)
        case .unknownKey, .revokedKey: return .refused(.unauthorized, Self.invalid)
        case .expiredKey: return .refused(.unauthorized, "The API key 'old' has expired; regenerate it.")
        case .deletedUser: return .refused(.unauthorized, Self.invalid)
        case .orgKeyAfterLeaving:
            return .refused(.unauthorized, "The API key 'matrix' no longer works: its user is not a member of the organization it was made for.")
        case .otherUsersKey: return notOwner
        case .keyWithoutScope:
            return endpoint.isPush
                ? .refused(.forbidden, "The API key 'matrix' may not push packages (it lacks a push scope).")
                : .refused(.forbidden, "The API key 'matrix' may not unlist or relist packages (it lacks the 'unlist' scope).")
        case .pushVersionsKeyNewID:
            return endpoint.isPush
                ? .refused(.forbidden, "The API key 'matrix' may not push new package IDs (it lacks the 'push' scope).")
                : .refused(.forbidden, "The API key 'matrix' may not unlist or relist packages (it lacks the 'unlist' scope).")
        case .keyExcludingPackage: return .refused(.forbidden, "The API key 'matrix' does not cover package '\(target.id)'.")
        case .owner, .ownerPushVersionsKey, .orgCollaborator, .orgAdmin, .reservationOwnerNewID, .openReservation, .siteAdmin:
            return .allowed
        case .nonOwnerUnderReservedPrefix:
            return endpoint.isPush
                ? .refused(.forbidden, "The package ID 'Contoso.New' is reserved by the ID prefix reservation 'Contoso.'; only its owners may push new packages under it.")
                : notOwner
        }
    }
}
