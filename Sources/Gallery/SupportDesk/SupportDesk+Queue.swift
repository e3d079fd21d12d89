import Foundation

/// The queue's filters (nuget.org's admin Support Requests tool).
public enum SupportQueueFilter: String, Sendable, CaseIterable {
    case open, mine, resolved, all
}

extension SupportDesk {
    /// Requests for the queue, newest first. Site admins only.
    public func requests(_ filter: SupportQueueFilter, by principal: Principal) async throws -> [SupportRequest] {
        try authorizer.check(principal, .administerAccounts)
        let all = try await store.supportRequests()
        switch filter {
        case .open: return all.filter { $0.status == .open }
        case .mine: return all.filter { $0.status == .open && $0.assigneeKey == principal.user.key }
        case .resolved: return all.filter { $0.status == .resolved }
        case .all: return all
        }
    }

    /// Assigns a request to a site admin by name, or unassigns it (`assignee == nil`).
    public func assign(_ key: Int64, to assignee: String?, by principal: Principal) async throws {
        var request = try await adminRequest(key, by: principal)
        var name = "nobody"
        if let assignee, !assignee.isEmpty {
            guard let admin = try await store.user(named: assignee), admin.isSiteAdmin, !admin.isDeleted else {
                throw GalleryError.badRequest("'\(assignee)' is not a site admin.")
            }
            request.assigneeKey = admin.key
            name = admin.name
        } else {
            request.assigneeKey = nil
        }
        request.updated = clock.now()
        try await store.updateSupportRequest(request, audit: [audit.entry(principal, "support.assigned", target: "support request #\(key)", details: name)])
    }

    /// Adds an operator's comment.
    public func comment(_ key: Int64, text: String, by principal: Principal) async throws {
        var request = try await adminRequest(key, by: principal)
        let checked = try Self.checkedText(text, field: "Comment")
        request.comments.append(SupportComment(author: principal.user.name, text: checked, time: clock.now()))
        request.updated = clock.now()
        try await store.updateSupportRequest(request, audit: [audit.entry(principal, "support.commented", target: "support request #\(key)")])
    }

    /// Resolves a request with what was done; `resolution == nil` reopens it.
    public func resolve(_ key: Int64, resolution: String?, by principal: Principal) async throws {
        var request = try await adminRequest(key, by: principal)
        if let resolution {
            request.resolution = try Self.checkedText(resolution, field: "Resolution")
            request.status = .resolved
        } else {
            request.resolution = nil
            request.status = .open
        }
        request.updated = clock.now()
        try await store.updateSupportRequest(request, audit: [audit.entry(
            principal, resolution == nil ? "support.reopened" : "support.resolved", target: "support request #\(key)",
            details: request.resolution ?? "")])
    }

    func adminRequest(_ key: Int64, by principal: Principal) async throws -> SupportRequest {
        try authorizer.check(principal, .administerAccounts)
        guard let request = try await store.supportRequest(key: key) else {
            throw GalleryError.notFound("There is no support request #\(key).")
        }
        return request
    }
}
