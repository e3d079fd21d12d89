public import Gallery

extension InMemoryMetadataStore {
    public func ownershipRequests(ofLowerID lowerID: String) async throws -> [OwnershipRequest] {
        try read { state in Self.ordered(state.ownershipRequests.values.filter { $0.lowerID == lowerID }) }
    }

    public func ownershipRequests(involving accountKey: Int64) async throws -> [OwnershipRequest] {
        try read { state in
            Self.ordered(state.ownershipRequests.values.filter { $0.accountKey == accountKey || $0.requesterKey == accountKey })
        }
    }

    public func membershipRequests(ofOrganization organizationKey: Int64) async throws -> [MembershipRequest] {
        try read { state in
            state.membershipRequests.values.filter { $0.organizationKey == organizationKey }
                .sorted { ($0.created, $0.userKey) < ($1.created, $1.userKey) }
        }
    }

    public func membershipRequests(ofUser userKey: Int64) async throws -> [MembershipRequest] {
        try read { state in
            state.membershipRequests.values.filter { $0.userKey == userKey }
                .sorted { ($0.created, $0.organizationKey) < ($1.created, $1.organizationKey) }
        }
    }

    static func ordered(_ requests: [OwnershipRequest]) -> [OwnershipRequest] {
        requests.sorted { ($0.created, $0.lowerID, $0.accountKey) < ($1.created, $1.lowerID, $1.accountKey) }
    }
}
