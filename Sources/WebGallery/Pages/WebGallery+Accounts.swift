import Foundation

struct LogOnPageModel {
    var layout: LayoutModel
    let csrf: String
    let returnURL: String
    let login: String
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
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", returnURL: returnURL, login: login, error: error), "logOn")
    }

    func registerPage(username: String = "", email: String = "", error: String? = nil) -> String {
        var layout = layout("Register")
        layout.noIndex = true
        return render(RegisterPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", username: username, email: email, error: error), "register")
    }
}
