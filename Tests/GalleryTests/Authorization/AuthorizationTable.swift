import Gallery
import Testing

/// The rows of the authorization table: how a request authenticated.
enum MatrixCredential: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case noKey, unknownKey, aliceRevoked, aliceExpired
    case aliceAllScopes, alicePushOnly, alicePushVersionsOnly, aliceUnlistOnly, aliceOutsideSelection
    case bobAllScopes, carolForContoso, davePersonal, rootAllScopes
    case sessionAlice, sessionBob, sessionCarol, sessionDave, sessionRoot
    case cli

    var testDescription: String { rawValue }

    /// The account a web-session row is signed in as.
    var sessionUser: String? {
        switch self {
        case .sessionAlice: "alice"
        case .sessionBob: "bob"
        case .sessionCarol: "carol"
        case .sessionDave: "dave"
        case .sessionRoot: "root"
        default: nil
        }
    }
}

/// The columns: an action aimed at one target of `AuthorizationWorld`.
enum MatrixAction: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case pushNewID, pushNewIDUnderClosedPrefix, pushNewIDUnderOpenPrefix
    case pushVersionAlice, pushVersionContoso, unlistAlice, unlistContoso, deprecateContoso
    case manageOwnersAlice, manageOwnersContoso, manageMembersContoso
    case keysForAlice, keysForContosoByCarol, deleteAccountAlice, deleteOrganizationContoso
    case reservePrefix, lockAlice, hardDeleteAlice, grantSiteAdmin

    var testDescription: String { rawValue }
}

/// What each row may do; every other cell is refused (401 for rows that fail to authenticate, else 403).
enum AuthorizationTable {
    static let anyoneMayPush: Set<MatrixAction> = [.pushNewID, .pushNewIDUnderOpenPrefix]
    static let contosoPackageWork: Set<MatrixAction> = [
        .pushNewID, .pushNewIDUnderClosedPrefix, .pushNewIDUnderOpenPrefix, .pushVersionContoso, .unlistContoso, .deprecateContoso,
    ]
    /// Everything but pushing under a closed reservation: site admins are bound by reservations too.
    static let siteAdminWork = Set(MatrixAction.allCases).subtracting([.pushNewIDUnderClosedPrefix])

    static func allowed(_ row: MatrixCredential) -> Set<MatrixAction> {
        switch row {
        case .noKey, .unknownKey, .aliceRevoked, .aliceExpired, .aliceOutsideSelection: []
        case .aliceAllScopes: anyoneMayPush.union([.pushVersionAlice, .unlistAlice])
        case .alicePushOnly: anyoneMayPush.union([.pushVersionAlice])
        case .alicePushVersionsOnly: [.pushVersionAlice]
        case .aliceUnlistOnly: [.unlistAlice]
        case .bobAllScopes, .sessionBob: anyoneMayPush
        case .carolForContoso, .davePersonal: contosoPackageWork
        case .rootAllScopes: anyoneMayPush.union([.pushVersionAlice, .pushVersionContoso, .unlistAlice, .unlistContoso, .deprecateContoso])
        case .sessionAlice: anyoneMayPush.union([.pushVersionAlice, .unlistAlice, .manageOwnersAlice, .keysForAlice, .deleteAccountAlice])
        case .sessionCarol: contosoPackageWork.union([.keysForContosoByCarol])
        case .sessionDave: contosoPackageWork.union([.manageOwnersContoso, .manageMembersContoso, .deleteOrganizationContoso])
        case .sessionRoot, .cli: siteAdminWork
        }
    }

    static func authenticates(_ row: MatrixCredential) -> Bool {
        ![.noKey, .unknownKey, .aliceRevoked, .aliceExpired].contains(row)
    }

    /// Cells whose refusal must be exactly this error (the wording clients show).
    static let exactRefusals: [String: GalleryError] = [
        "noKey/pushVersionAlice": .unauthorized("An API key is required: pass it with -ApiKey / --api-key (header X-NuGet-ApiKey)."),
        "unknownKey/unlistAlice": .unauthorized("The API key is invalid or has been revoked."),
        "aliceRevoked/pushNewID": .unauthorized("The API key is invalid or has been revoked."),
        "aliceExpired/pushNewID": .unauthorized("The API key 'aliceExpired' has expired; regenerate it."),
        "alicePushVersionsOnly/pushNewID": .missingScope(keyName: "alicePushVersionsOnly", .pushNewPackage),
        "aliceUnlistOnly/pushVersionAlice": .missingScope(keyName: "aliceUnlistOnly", .pushVersion),
        "alicePushOnly/unlistAlice": .missingScope(keyName: "alicePushOnly", .unlist),
        "aliceOutsideSelection/pushVersionAlice": .outsideKeySelection(keyName: "aliceOutsideSelection", id: "Alice.Lib"),
        "bobAllScopes/pushVersionAlice": .notOwner(id: "Alice.Lib"),
        "bobAllScopes/pushNewIDUnderClosedPrefix": .prefixReserved(id: "Contoso.New", prefix: "Contoso."),
        "rootAllScopes/pushNewIDUnderClosedPrefix": .prefixReserved(id: "Contoso.New", prefix: "Contoso."),
        "aliceAllScopes/manageOwnersAlice": .notWithAPIKey(action: "manage the owners of 'Alice.Lib'"),
        "sessionCarol/manageOwnersContoso": .forbidden("Collaborators cannot manage the owners of 'Contoso.Lib': ask an admin of the owning organization."),
        "sessionCarol/manageMembersContoso": .forbidden("Only admins of 'Contoso' may manage its members."),
        "sessionBob/reservePrefix": .siteAdminRequired(action: "reserve ID prefixes"),
        "sessionAlice/hardDeleteAlice": .siteAdminRequired(action: "delete 'Alice.Lib'"),
        "sessionDave/keysForContosoByCarol": .forbidden("You may manage only your own API keys, for yourself or an organization you belong to."),
    ]
}
