public import Gallery
import SQLKit

/// Pending ownership and membership invitations (schema step 10).
extension SQLMetadataStore {
    public func ownershipRequests(ofLowerID lowerID: String) async throws -> [OwnershipRequest] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM ownership_requests WHERE lower_id = \(bind: lowerID) ORDER BY created, account_key
                """).all().map(Self.ownershipRequest)
        }
    }

    public func ownershipRequests(involving accountKey: Int64) async throws -> [OwnershipRequest] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM ownership_requests WHERE account_key = \(bind: accountKey) OR requester_key = \(bind: accountKey)
                ORDER BY created, lower_id, account_key
                """).all().map(Self.ownershipRequest)
        }
    }

    public func membershipRequests(ofOrganization organizationKey: Int64) async throws -> [MembershipRequest] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM membership_requests WHERE organization_key = \(bind: organizationKey) ORDER BY created, user_key
                """).all().map(Self.membershipRequest)
        }
    }

    public func membershipRequests(ofUser userKey: Int64) async throws -> [MembershipRequest] {
        try await read { db in
            try await db.raw("""
                SELECT * FROM membership_requests WHERE user_key = \(bind: userKey) ORDER BY created, organization_key
                """).all().map(Self.membershipRequest)
        }
    }

    /// The `AccountChange` cases of this table pair, inside `apply`'s transaction.
    static func applyRequestChange(_ change: AccountChange, in db: any SQLDatabase) async throws {
        switch change {
        case .saveOwnershipRequest(let request):
            try await db.raw("""
                INSERT INTO ownership_requests (lower_id, account_key, requester_key, message, created)
                VALUES (\(bind: request.lowerID), \(bind: request.accountKey), \(bind: request.requesterKey), \(bind: request.message),
                    \(bind: StoreDate.microseconds(request.created)))
                ON CONFLICT (lower_id, account_key) DO UPDATE SET requester_key = excluded.requester_key,
                    message = excluded.message, created = excluded.created
                """).run()
        case .deleteOwnershipRequest(let lowerID, let accountKey):
            try await db.raw("""
                DELETE FROM ownership_requests WHERE lower_id = \(bind: lowerID) AND account_key = \(bind: accountKey)
                """).run()
        case .saveMembershipRequest(let request):
            try await db.raw("""
                INSERT INTO membership_requests (organization_key, user_key, role, requester_key, created)
                VALUES (\(bind: request.organizationKey), \(bind: request.userKey), \(bind: request.role.rawValue),
                    \(bind: request.requesterKey), \(bind: StoreDate.microseconds(request.created)))
                ON CONFLICT (organization_key, user_key) DO UPDATE SET role = excluded.role,
                    requester_key = excluded.requester_key, created = excluded.created
                """).run()
        case .deleteMembershipRequest(let organizationKey, let userKey):
            try await db.raw("""
                DELETE FROM membership_requests WHERE organization_key = \(bind: organizationKey) AND user_key = \(bind: userKey)
                """).run()
        default:
            break
        }
    }

    static func ownershipRequest(_ row: any SQLRow) throws -> OwnershipRequest {
        OwnershipRequest(
            lowerID: try row.decode(column: "lower_id", as: String.self), accountKey: try row.decode(column: "account_key", as: Int64.self),
            requesterKey: try row.decode(column: "requester_key", as: Int64.self), message: try row.decode(column: "message", as: String.self),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)))
    }

    static func membershipRequest(_ row: any SQLRow) throws -> MembershipRequest {
        let role = try row.decode(column: "role", as: String.self)
        return MembershipRequest(
            organizationKey: try row.decode(column: "organization_key", as: Int64.self), userKey: try row.decode(column: "user_key", as: Int64.self),
            role: OrganizationRole(rawValue: role) ?? .collaborator, requesterKey: try row.decode(column: "requester_key", as: Int64.self),
            created: StoreDate.date(try row.decode(column: "created", as: Int64.self)))
    }
}
