import Foundation
import Gallery

struct AdminHomeModel {
    var layout: LayoutModel
    let csrf: String
    let openCount: Int
    let locked: [String]
    let hasLocked: Bool
    let message: String?
    let error: String?
}

struct FilterLink {
    let value: String
    let label: String
    let current: Bool
}

struct AdminOption {
    let name: String
    let selected: Bool
}

struct SupportCommentModel {
    let author: String
    let time: String
    let text: String
}

struct SupportRequestModel {
    let key: String
    let kindLabel: String
    let abuse: Bool
    let packageID: String
    let version: String
    let packageURL: String
    let status: String
    let open: Bool
    let created: String
    let reporter: String
    let reason: String
    let contactedOwner: String
    let owners: [String]
    let assignee: String
    let resolution: String?
    let details: String
    let comments: [SupportCommentModel]
    let hasComments: Bool
    let admins: [AdminOption]
    let csrf: String
}

struct AdminSupportModel {
    var layout: LayoutModel
    let filters: [FilterLink]
    let requests: [SupportRequestModel]
    let hasRequests: Bool
    let error: String?
}

extension WebGallery {
    func adminLayout(_ title: String) -> LayoutModel {
        var layout = layout(title)
        layout.noIndex = true
        return layout
    }

    /// `/admin`.
    func adminHomePage(_ principal: Principal, message: String? = nil, error: String? = nil) async throws -> String {
        let open = try await desk.requests(.open, by: principal).count
        let snapshot = gallery.feed.snapshot()
        let locked = try await gallery.store.lockedLowerIDs().sorted().map { snapshot.packages[$0]?.versions.last?.id ?? $0 }
        return render(AdminHomeModel(
            layout: adminLayout("Administration"), csrf: WebVisitor.current?.csrfToken ?? "", openCount: open, locked: locked,
            hasLocked: !locked.isEmpty, message: message, error: error), "adminHome")
    }

    /// `/admin/SupportRequests?filter=`.
    func adminSupportPage(_ principal: Principal, filter: SupportQueueFilter, error: String? = nil) async throws -> String {
        let store = gallery.store
        let admins = try await store.siteAdmins()
        var names: [Int64: String] = [:]
        for admin in admins { names[admin.key] = admin.name }
        let csrf = WebVisitor.current?.csrfToken ?? ""
        var models: [SupportRequestModel] = []
        for request in try await desk.requests(filter, by: principal) {
            var reporter = request.reporterEmail
            if let key = request.reporterKey, let user = try await store.user(key: key) { reporter = "\(user.name) <\(request.reporterEmail)>" }
            models.append(SupportRequestModel(
                key: String(request.key), kindLabel: request.kind == .abuse ? "Abuse report" : "Owner support request",
                abuse: request.kind == .abuse, packageID: request.packageID, version: request.version,
                packageURL: PackageURLs.version(id: request.packageID, version: request.version),
                status: request.status == .open ? "Open" : "Resolved", open: request.status == .open,
                created: Format.iso(request.created), reporter: reporter, reason: request.reason,
                contactedOwner: request.contactedOwner ? "Yes" : "No",
                owners: try await ownerNamesFromStore(lowerID: request.lowerID),
                assignee: request.assigneeKey.flatMap { names[$0] } ?? "nobody", resolution: request.resolution,
                details: request.details,
                comments: request.comments.map { SupportCommentModel(author: $0.author, time: Format.iso($0.time), text: $0.text) },
                hasComments: !request.comments.isEmpty,
                admins: admins.map { AdminOption(name: $0.name, selected: $0.key == request.assigneeKey) }, csrf: csrf))
        }
        let labels: [(SupportQueueFilter, String)] = [(.open, "Open"), (.mine, "Assigned to me"), (.resolved, "Resolved"), (.all, "All")]
        return render(AdminSupportModel(
            layout: adminLayout("Support requests"),
            filters: labels.map { FilterLink(value: $0.0.rawValue, label: $0.1, current: $0.0 == filter) },
            requests: models, hasRequests: !models.isEmpty, error: error), "adminSupport")
    }
}
