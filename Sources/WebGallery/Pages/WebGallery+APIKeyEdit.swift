import Foundation
import Gallery

struct APIKeyEditPageModel {
    var layout: LayoutModel
    let csrf: String
    let key: String
    let name: String
    let status: String
    let expires: String
    let owner: String
    let scopes: String
    /// Revoked keys cannot be edited (the domain refuses): the page then shows the facts and why.
    let editable: Bool
    let glob: String
    /// Where the checkbox per package goes, the key's selection ticked (`PackagePicker.marker`).
    let packagePicker: String
    let hasPackages: Bool
    let error: String?
}

extension WebGallery {
    /// `/account/apikeys/{key}/Edit`: one key's package selection (its glob patterns and a checkbox per package
    /// of the person and their organizations, the selected ones ticked). nil when `keyNumber` is not one of
    /// the signed-in person's keys. After a refused save, `glob` and `selected` are what the person sent.
    func apiKeyEditPage(
        _ principal: Principal, keyNumber: Int64, glob: String? = nil, selected: [String]? = nil, error: String? = nil
    ) async throws -> SplicedPage? {
        guard let key = try await gallery.store.apiKey(key: keyNumber), key.userKey == principal.user.key else { return nil }
        let owners = try await keyOwners(principal)
        let picker = try await packagePicker(owners)
        let facts = APIKeyFacts(key, now: gallery.clock.now())
        var layout = layout("Edit API key")
        layout.noIndex = true
        let rendered = render(APIKeyEditPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", key: String(key.key), name: key.name,
            status: facts.status, expires: facts.expires, owner: owners.name(of: key.ownerKey), scopes: facts.scopes,
            editable: !key.revoked, glob: glob ?? key.globs.joined(separator: " "), packagePicker: PackagePicker.marker,
            hasPackages: !picker.isEmpty, error: error ?? (key.revoked ? "This API key is revoked: its packages cannot be changed." : nil)),
            "apiKeyEdit")
        let ticked = Set((selected ?? key.packageIDs).map { $0.lowercased() })
        return SplicedPage(rendered: rendered, marker: PackagePicker.marker, fragments: key.revoked ? [] : picker.fragments(ticking: ticked))
    }
}
