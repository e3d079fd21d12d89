import Foundation
import Gallery

struct ExpiryChoice {
    let days: Int
    let label: String
    let selected: Bool
}

struct PackageCheckModel {
    let id: String
    let domID: String
    var checked: Bool = false

    /// The checkbox list item, as the template wrote it, for the form field `name`; built here because a
    /// template section costs too much per row at 10,000 packages (see `RowHTML`).
    func html(name: String) -> String {
        let id = RowHTML.escape(id), domID = RowHTML.escape(domID)
        return "<li class=\"form-check\"><input id=\"" + domID + "\" name=\"" + RowHTML.escape(name) + "\" type=\"checkbox\" value=\""
            + id + (checked ? "\" checked>" : "\">") + " <label for=\"" + domID + "\">" + id + "</label></li>"
    }
}

struct APIKeyRowModel {
    let key: String
    let name: String
    let status: String
    let expires: String
    let owner: String
    let scopes: String
    let packages: String
    let active: Bool
    let csrf: String
    /// The Edit form: the key's glob and one checkbox per package, ticked when selected (HTML list items).
    let glob: String
    let editPackagesHTML: String
}

struct APIKeysPageModel {
    var layout: LayoutModel
    let csrf: String
    let confirmed: Bool
    let expiries: [ExpiryChoice]
    let owners: [String]
    /// The create form's checkbox per package (HTML list items).
    let packagesHTML: String
    let hasPackages: Bool
    let keys: [APIKeyRowModel]
    let hasKeys: Bool
    let newSecret: String?
    let newKeyName: String?
    let notice: String?
    let error: String?
}

extension WebGallery {
    /// `/account/apikeys` for the signed-in `principal`.
    func apiKeysPage(
        _ principal: Principal, newKey: (name: String, secret: String)? = nil, notice: String? = nil, error: String? = nil
    ) async throws -> String {
        let store = gallery.store
        let csrf = WebVisitor.current?.csrfToken ?? ""
        var owners = [principal.user.name]
        var ownerKeys = [principal.user.key]
        for membership in try await store.memberships(ofUser: principal.user.key) {
            if let organization = try await store.user(key: membership.organizationKey), !organization.isDeleted {
                owners.append(organization.name)
                ownerKeys.append(organization.key)
            }
        }
        let snapshot = gallery.feed.snapshot()
        var lowerIDs = Set<String>()
        for key in ownerKeys { lowerIDs.formUnion(try await store.ownedLowerIDs(of: key)) }
        let packages = lowerIDs.sorted().enumerated().map { index, lower in
            PackageCheckModel(id: snapshot.packages[lower]?.versions.last?.id ?? lower, domID: "package-\(index)")
        }
        var names: [Int64: String] = [:]
        for (name, key) in zip(owners, ownerKeys) { names[key] = name }
        let now = gallery.clock.now()
        let keys = try await gallery.accounts.apiKeys(userName: principal.user.name, by: principal)
            .filter { $0.userKey == principal.user.key }
            .sorted { $0.created > $1.created }
            .map { key -> APIKeyRowModel in
                let expired = key.expires.map { $0 <= now } ?? false
                let scopes = key.scopes.map { scope in
                    switch scope {
                    case .push: "Push new packages and package versions"
                    case .pushVersions: "Push only new package versions"
                    case .unlist: "Unlist package"
                    }
                }
                let selection = key.globs + key.packageIDs
                // A set, so ticking the selected ids stays one lookup per package rather than a scan of the selection.
                let selected = Set(key.packageIDs.map { $0.lowercased() })
                return APIKeyRowModel(
                    key: String(key.key), name: key.name,
                    status: key.revoked ? "Revoked" : expired ? "Expired" : "Active",
                    expires: key.expires.map { Format.day($0) } ?? "Never",
                    owner: names[key.ownerKey] ?? "(an organization you left)",
                    scopes: scopes.joined(separator: ", "),
                    packages: selection.isEmpty ? "All packages" : selection.joined(separator: ", "),
                    active: !key.revoked && !expired, csrf: csrf, glob: key.globs.joined(separator: " "),
                    editPackagesHTML: packages.enumerated().map { index, package in
                        PackageCheckModel(
                            id: package.id, domID: "key-\(key.key)-package-\(index)",
                            checked: !selected.isEmpty && selected.contains(package.id.lowercased()))
                        .html(name: "PackageIds-\(key.key)")
                    }.joined())
            }
        var layout = layout("API Keys")
        layout.noIndex = true
        return render(APIKeysPageModel(
            layout: layout, csrf: csrf, confirmed: try await accounts.isEmailConfirmed(principal.user),
            expiries: [1, 7, 30, 90, 180, 365].map { ExpiryChoice(days: $0, label: $0 == 1 ? "1 day" : "\($0) days", selected: $0 == 365) },
            owners: owners, packagesHTML: packages.map { $0.html(name: "PackageIds") }.joined(), hasPackages: !packages.isEmpty, keys: keys, hasKeys: !keys.isEmpty,
            newSecret: newKey?.secret, newKeyName: newKey?.name, notice: notice, error: error), "apiKeys")
    }
}
