import Foundation
import Gallery

struct AccountDeletePageModel {
    var layout: LayoutModel
    let csrf: String
    let name: String
    let soleOwned: [String]
    let hasSoleOwned: Bool
    let organizations: [String]
    let hasOrganizations: Bool
    let blocked: Bool
    let blockedList: String
    let error: String?
}

struct AccountTransformPageModel {
    var layout: LayoutModel
    let csrf: String
    let name: String
    let sent: String?
    let error: String?
}

struct TransformConfirmPageModel {
    var layout: LayoutModel
    let csrf: String
    let account: String
    let admin: String
    let token: String
    let error: String?
}

extension WebGallery {
    func accountDeletePage(_ principal: Principal, error: String? = nil) async throws -> String {
        var layout = layout("Delete account")
        layout.noIndex = true
        let preview = try await accounts.deletionPreview(of: principal.user)
        let soleOwned = preview.soleOwnedIDs
        return render(AccountDeletePageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", name: principal.user.name, soleOwned: soleOwned,
            hasSoleOwned: !soleOwned.isEmpty, organizations: preview.organizations, hasOrganizations: !preview.organizations.isEmpty,
            blocked: !preview.lastAdminOf.isEmpty, blockedList: preview.lastAdminOf.joined(separator: ", "), error: error), "accountDelete")
    }

    func accountTransformPage(_ principal: Principal, sent: String? = nil, error: String? = nil) -> String {
        var layout = layout("Transform into an organization")
        layout.noIndex = true
        return render(AccountTransformPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", name: principal.user.name, sent: sent, error: error), "accountTransform")
    }

    func transformConfirmPage(account: String, admin: String, token: String, error: String? = nil) -> String {
        var layout = layout("Accept organization")
        layout.noIndex = true
        return render(TransformConfirmPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", account: account, admin: admin, token: token, error: error),
            "transformConfirm")
    }
}
