import Foundation

struct ErrorPageModel {
    let layout: LayoutModel
    let code: String
    let heading: String
    let message: String
    let query: String?
}

extension WebGallery {
    /// The HTML 404 page; `query` pre-fills the search box (the id the visitor was looking for).
    /// A short page with one heading and one sentence (confirmations).
    func messagePage(title: String, heading: String, message: String) -> String {
        var layout = layout(title)
        layout.noIndex = true
        return render(ErrorPageModel(layout: layout, code: "", heading: heading, message: message, query: nil), "error")
    }

    /// A form posted without its token or from another site (403).
    func formRefusedPage() -> String {
        var layout = layout("Form refused")
        layout.noIndex = true
        return render(ErrorPageModel(
            layout: layout, code: "403", heading: "This form cannot be accepted",
            message: "The form was not sent from this site, or it expired. Go back, reload the page and try again.",
            query: nil), "error")
    }

    func notFoundPage(query: String? = nil, message: String? = nil) -> String {
        var layout = layout("Not found")
        layout.noIndex = true
        return render(ErrorPageModel(
            layout: layout, code: "404", heading: "Page not found",
            message: message ?? "The page you asked for does not exist. It may have been moved, or the address is misspelt.",
            query: query), "error")
    }

    /// The HTML 500 page: a request id to quote, nothing else.
    func serverErrorPage(requestID: String) -> String {
        var layout = layout("Server error")
        layout.noIndex = true
        return render(ErrorPageModel(
            layout: layout, code: "500", heading: "Something went wrong",
            message: "The server could not show this page. Try again in a moment; if it keeps happening, quote request id \(requestID) to the administrators.",
            query: nil), "error")
    }
}
