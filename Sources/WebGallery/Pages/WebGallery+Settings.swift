import Foundation
import Gallery

struct ForgotPasswordPageModel {
    var layout: LayoutModel
    let csrf: String
    let sent: Bool
}

struct ResetPasswordPageModel {
    var layout: LayoutModel
    let csrf: String
    let token: String
    let error: String?
}

struct AccountSettingsPageModel {
    var layout: LayoutModel
    let csrf: String
    let name: String
    let email: String
    let confirmed: Bool
    let allowsContact: Bool
    let notifyOnPublish: Bool
    let notice: String?
    let error: String?
    /// External logins: shown when providers are configured or a login is linked.
    let logins: [LoginRowModel]
    let providers: [ProviderButtonModel]
    /// Stored, not computed: templates see stored properties only (Mirror).
    let hasLogins: Bool
    let showLogins: Bool
}

struct LoginRowModel {
    let issuer: String
    let subject: String
    let providerName: String
    let linked: String
}

extension WebGallery {
    func forgotPasswordPage(sent: Bool = false) -> String {
        var layout = layout("Forgot your password?")
        layout.noIndex = true
        return render(ForgotPasswordPageModel(layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", sent: sent), "forgotPassword")
    }

    func resetPasswordPage(token: String, error: String? = nil) -> String {
        var layout = layout("Choose a new password")
        layout.noIndex = true
        return render(ResetPasswordPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", token: token, error: error), "resetPassword")
    }

    func accountSettingsPage(_ principal: Principal, notice: String? = nil, error: String? = nil) async throws -> String {
        var layout = layout("Account Settings")
        layout.noIndex = true
        let user = try await gallery.store.user(key: principal.user.key) ?? principal.user
        let preferences = try await accounts.preferences(of: user)
        let logins = try await gallery.store.externalLogins(userKey: user.key).map {
            LoginRowModel(issuer: $0.issuer, subject: $0.subject, providerName: $0.providerName, linked: Format.day($0.created))
        }
        let providers = providerButtons()
        return render(AccountSettingsPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", name: user.name, email: user.email,
            confirmed: try await accounts.isEmailConfirmed(user), allowsContact: preferences.allowsContact,
            notifyOnPublish: preferences.notifyOnPublish, notice: notice, error: error,
            logins: logins, providers: providers, hasLogins: !logins.isEmpty, showLogins: !logins.isEmpty || !providers.isEmpty),
            "accountSettings")
    }
}
