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
}

struct APIKeysPageModel {
    var layout: LayoutModel
    let csrf: String
    let confirmed: Bool
    let expiries: [ExpiryChoice]
    let owners: [String]
    /// Where the create form's checkbox per package goes (`PackagePicker.marker`).
    let packagePicker: String
    let hasPackages: Bool
    let keys: [APIKeyRowModel]
    let hasKeys: Bool
    let newSecret: String?
    let newKeyName: String?
    let notice: String?
    let error: String?
}

/// The accounts a person's keys may be made for (the person, then each organization they belong to), by key.
struct KeyOwners {
    let names: [String]
    let keys: [Int64]

    func name(of key: Int64) -> String { zip(keys, names).first { $0.0 == key }?.1 ?? "(an organization you left)" }
}

extension WebGallery {
    /// `/account/apikeys` for the signed-in `principal`: the create form with one checkbox per package (the
    /// cached `PackagePicker`, spliced in already compressed), and the keys, each with a link to its Edit page.
    func apiKeysPage(
        _ principal: Principal, newKey: (name: String, secret: String)? = nil, notice: String? = nil, error: String? = nil
    ) async throws -> SplicedPage {
        let csrf = WebVisitor.current?.csrfToken ?? ""
        let owners = try await keyOwners(principal)
        let picker = try await packagePicker(owners)
        let now = gallery.clock.now()
        let keys = try await gallery.accounts.apiKeys(userName: principal.user.name, by: principal)
            .filter { $0.userKey == principal.user.key }
            .sorted { $0.created > $1.created }
            .map { key -> APIKeyRowModel in
                let facts = APIKeyFacts(key, now: now)
                return APIKeyRowModel(
                    key: String(key.key), name: key.name, status: facts.status, expires: facts.expires,
                    owner: owners.name(of: key.ownerKey), scopes: facts.scopes, packages: facts.packages,
                    active: facts.active, csrf: csrf)
            }
        var layout = layout("API Keys")
        layout.noIndex = true
        let rendered = render(APIKeysPageModel(
            layout: layout, csrf: csrf, confirmed: try await accounts.isEmailConfirmed(principal.user),
            expiries: [1, 7, 30, 90, 180, 365].map { ExpiryChoice(days: $0, label: $0 == 1 ? "1 day" : "\($0) days", selected: $0 == 365) },
            owners: owners.names, packagePicker: PackagePicker.marker, hasPackages: !picker.isEmpty, keys: keys, hasKeys: !keys.isEmpty,
            newSecret: newKey?.secret, newKeyName: newKey?.name, notice: notice, error: error), "apiKeys")
        return SplicedPage(rendered: rendered, marker: PackagePicker.marker, fragments: picker.chunks)
    }

    /// The person and every organization they belong to (deleted ones left out).
    func keyOwners(_ principal: Principal) async throws -> KeyOwners {
        var names = [principal.user.name], keys = [principal.user.key]
        for membership in try await gallery.store.memberships(ofUser: principal.user.key) {
            if let organization = try await gallery.store.user(key: membership.organizationKey), !organization.isDeleted {
                names.append(organization.name)
                keys.append(organization.key)
            }
        }
        return KeyOwners(names: names, keys: keys)
    }

    /// The checkbox list of every package the accounts own, from the cache while they own the same ids.
    func packagePicker(_ owners: KeyOwners) async throws -> PackagePicker {
        let snapshot = gallery.feed.snapshot()
        var owned: [[String]] = []
        for key in owners.keys { owned.append(try await ownedIDs.lowerIDs(of: key, store: gallery.store, snapshot: snapshot)) }
        return pickers.picker(owners: owners.keys, owned: owned, snapshot: snapshot)
    }
}

/// What the Manage list and a key's Edit page say about a key.
struct APIKeyFacts {
    let status: String
    let expires: String
    let scopes: String
    let packages: String
    let active: Bool

    init(_ key: APIKeyRecord, now: Date) {
        let expired = key.expires.map { $0 <= now } ?? false
        status = key.revoked ? "Revoked" : expired ? "Expired" : "Active"
        expires = key.expires.map { Format.day($0) } ?? "Never"
        scopes = key.scopes.map { scope in
            switch scope {
            case .push: "Push new packages and package versions"
            case .pushVersions: "Push only new package versions"
            case .unlist: "Unlist package"
            }
        }.joined(separator: ", ")
        let selection = key.globs + key.packageIDs
        packages = selection.isEmpty ? "All packages" : selection.joined(separator: ", ")
        active = !key.revoked && !expired
    }
}
