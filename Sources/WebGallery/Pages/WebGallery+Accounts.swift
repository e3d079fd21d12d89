import Foundation
import Gallery

struct LogOnPageModel {
    var layout: LayoutModel
    let csrf: String
    let returnURL: String
    /// The return URL escaped for the provider links' query.
    let returnQuery: String
    let login: String
    let error: String?
    let passwordSignIn: Bool
    let providers: [ProviderButtonModel]
    /// Stored, not computed: templates see stored properties only (Mirror).
    let hasProviders: Bool
}

/// One "Sign in with NAME" (or "Link NAME") button.
struct ProviderButtonModel {
    let id: String
    let name: String
}

struct OIDCRegisterPageModel {
    var layout: LayoutModel
    let csrf: String
    let token: String
    let provider: String
    let username: String
    let email: String
    let emailVerified: Bool
    let error: String?
}

struct RegisterPageModel {
    var layout: LayoutModel
    let csrf: String
    let username: String
    let email: String
    let error: String?
}

extension WebGallery {
    func logOnPage(returnURL: String, login: String = "", error: String? = nil) -> String {
        var layout = layout("Sign in")
        layout.noIndex = true
        return render(LogOnPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", returnURL: returnURL,
            returnQuery: WebForm.queryEscape(returnURL), login: login, error: error, passwordSignIn: accounts.passwordSignIn, providers: providerButtons(), hasProviders: externalSignIn != nil), "logOn")
    }

    func providerButtons() -> [ProviderButtonModel] {
        (externalSignIn?.providers ?? []).map { ProviderButtonModel(id: $0.id, name: $0.name) }
    }

    func oidcRegisterPage(
        token: String, provider: String, username: String, email: String, emailVerified: Bool, error: String? = nil
    ) -> String {
        var layout = layout("Choose a username")
        layout.noIndex = true
        return render(OIDCRegisterPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", token: token, provider: provider, username: username,
            email: email, emailVerified: emailVerified, error: error), "oidcRegister")
    }

    func registerPage(username: String = "", email: String = "", error: String? = nil) -> String {
        var layout = layout("Register")
        layout.noIndex = true
        return render(RegisterPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", username: username, email: email, error: error), "register")
    }
}
