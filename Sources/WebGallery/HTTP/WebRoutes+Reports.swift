import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// GET of `/packages/{id}/{version}/{ReportAbuse,ReportMyPackage,ContactOwners}`, or nil for another action.
    static func reportForm(_ action: String, id: String, version: String, web: WebGallery, request: Request) async throws -> Response? {
        let kind: String = action.lowercased()
        guard ["reportabuse", "reportmypackage", "contactowners"].contains(kind) else { return nil }
        guard let record = try await web.reportedRecord(id: id, version: version) else {
            return notFound(web, id: id, request: request, message: "There is no package \(id) \(version).")
        }
        let principal = WebVisitor.current?.principal
        let owner = try await web.desk.isOwner(principal, lowerID: record.lowerID)
        let versionURL = PackageURLs.version(id: record.id, version: record.normalizedVersion)
        switch kind {
        case "reportabuse":
            // Owners are sent to Contact support (nuget.org does the same).
            if owner { return HTMLResponse.redirect(to: versionURL + "/ReportMyPackage") }
            return HTMLResponse.page(web.reportPage(record, kind: .abuse), request: request)
        case "reportmypackage":
            guard principal != nil else { return signInFirst(request) }
            guard owner else { return HTMLResponse.redirect(to: versionURL + "/ReportAbuse") }
            return HTMLResponse.page(web.reportPage(record, kind: .ownerSupport), request: request)
        default:
            guard let principal else { return signInFirst(request) }
            return HTMLResponse.page(try await web.contactOwnersPage(record, principal: principal), request: request)
        }
    }

    /// The POSTs of the three forms.
    func registerReports(on router: Router<Context>) {
        let web = self.web
        router.post("/packages/:id/:version/:action") { request, context -> Response in
            let id = try context.parameters.require("id"), version = try context.parameters.require("version")
            let action = try context.parameters.require("action").lowercased()
            guard ["reportabuse", "reportmypackage", "contactowners"].contains(action) else { throw HTTPError(.notFound) }
            let form = try await WebForm.read(request)
            guard form.isTrusted(request) else { return Self.formRefused(web, request: request) }
            guard let record = try await web.reportedRecord(id: id, version: version) else {
                return Self.notFound(web, id: id, request: request, message: "There is no package \(id) \(version).")
            }
            let principal = WebVisitor.current?.principal
            let packageURL = PackageURLs.version(id: record.id, version: record.normalizedVersion)
            if action == "contactowners" {
                guard let principal else { return Self.signInFirst(request) }
                let message = form["Message"] ?? "", copy = form["CopySender"] == "on"
                do {
                    try await web.desk.contactOwners(
                        id: record.id, version: record.normalizedVersion, message: message, sendCopy: copy,
                        confirmed: try await web.accounts.isEmailConfirmed(principal.user), by: principal)
                    return HTMLResponse.page(web.messagePage(
                        title: "Message sent", heading: "Your message was sent",
                        message: "The owners of \(record.id) who accept messages received it, with your email address to reply to."),
                        request: request)
                } catch let error as GalleryError {
                    return HTMLResponse.page(
                        try await web.contactOwnersPage(record, principal: principal, message: message, sendCopy: copy, error: error.message),
                        status: Self.status(error), request: request)
                }
            }
            let kind: SupportRequestKind = action == "reportabuse" ? .abuse : .ownerSupport
            if kind == .ownerSupport, principal == nil { return Self.signInFirst(request) }
            let report = SupportReport(
                kind: kind, id: record.id, version: record.normalizedVersion, reason: form["Reason"] ?? "", details: form["Details"] ?? "",
                email: form["Email"], contactedOwner: form["ContactedOwner"] == "on", sendCopy: form["CopySender"] == "on")
            do {
                let stored = try await web.desk.file(report, by: principal)
                return HTMLResponse.page(web.messagePage(
                    title: "Report sent", heading: "Your report was sent to the operators",
                    message: "Thank you. It is support request #\(stored.key) about \(record.id) \(record.normalizedVersion); the operators reply to \(stored.reporterEmail). Back to \(packageURL)."),
                    request: request)
            } catch let error as GalleryError {
                return HTMLResponse.page(web.reportPage(record, kind: kind, form: report, error: error.message), status: Self.status(error), request: request)
            }
        }
        page(router, "/policies/:name") { request, context in
            let name = try context.parameters.require("name")
            guard let html = web.policyPage(name) else { return Self.notFound(web, id: nil, request: request) }
            return HTMLResponse.page(html, request: request, cacheSeconds: 300)
        }
    }

    /// The status of a refusal shown on a form page.
    static func status(_ error: GalleryError) -> HTTPResponse.Status {
        switch error.kind {
        case .invalid: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        }
    }
}
