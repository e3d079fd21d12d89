import Foundation
import Gallery
import NuGetCore

struct ReasonOption {
    let value: String
    let selected: Bool
}

struct ReportPageModel {
    var layout: LayoutModel
    let csrf: String
    let heading: String
    let abuse: Bool
    let id: String
    let version: String
    let packageURL: String
    let contactURL: String
    let action: String
    let reasons: [ReasonOption]
    let anonymous: Bool
    let email: String
    let details: String
    let contactedOwner: Bool
    let sendCopy: Bool
    let error: String?
}

struct ContactOwnersPageModel {
    var layout: LayoutModel
    let csrf: String
    let id: String
    let version: String
    let packageURL: String
    let action: String
    let hasOwners: Bool
    let reachable: [String]
    let hasReachable: Bool
    let senderEmail: String
    let confirmed: Bool
    let message: String
    let sendCopy: Bool
    let error: String?
}

struct PolicyPageModel {
    var layout: LayoutModel
    let title: String
    let html: String
}

extension WebGallery {
    /// The available version a report or message is about, or nil (a 404 page).
    func reportedRecord(id: String, version: String) async throws -> PackageVersionRecord? {
        guard let key = try? PackageGallery.versionKey(id: id, version: version),
              let record = try await gallery.store.version(key), record.state == .available else { return nil }
        return record
    }

    /// "Report abuse" (`kind == .abuse`) or "Contact support" (`.ownerSupport`), blank or refilled after an error.
    func reportPage(
        _ record: PackageVersionRecord, kind: SupportRequestKind, form: SupportReport? = nil, error: String? = nil
    ) -> String {
        let abuse = kind == .abuse
        let versionURL = PackageURLs.version(id: record.id, version: record.normalizedVersion)
        var layout = layout(abuse ? "Report \(record.id)" : "Contact support about \(record.id)")
        layout.noIndex = true
        return render(ReportPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "",
            heading: abuse ? "Report \(record.id) \(record.version)" : "Contact support about \(record.id) \(record.version)",
            abuse: abuse, id: record.id, version: record.version, packageURL: versionURL, contactURL: versionURL + "/ContactOwners",
            action: versionURL + (abuse ? "/ReportAbuse" : "/ReportMyPackage"),
            reasons: SupportReasons.reasons(for: kind).map { ReasonOption(value: $0, selected: $0 == form?.reason) },
            anonymous: WebVisitor.current?.principal == nil, email: form?.email ?? "", details: form?.details ?? "",
            contactedOwner: form?.contactedOwner ?? false, sendCopy: form?.sendCopy ?? true, error: error), "report")
    }

    /// "Contact owners": who would receive it (names only) and the form.
    func contactOwnersPage(_ record: PackageVersionRecord, principal: Principal, message: String = "", sendCopy: Bool = true, error: String? = nil) async throws -> String {
        let owners = try await desk.contactableOwners(lowerID: record.lowerID)
        let versionURL = PackageURLs.version(id: record.id, version: record.normalizedVersion)
        var layout = layout("Contact the owners of \(record.id)")
        layout.noIndex = true
        return render(ContactOwnersPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", id: record.id, version: record.version,
            packageURL: versionURL, action: versionURL + "/ContactOwners", hasOwners: !owners.owners.isEmpty,
            reachable: owners.reachable, hasReachable: !owners.reachable.isEmpty, senderEmail: principal.user.email,
            confirmed: try await accounts.isEmailConfirmed(principal.user), message: message, sendCopy: sendCopy, error: error),
            "contactOwners")
    }

    /// `/policies/{Contact,Terms,Privacy}`, or nil for another name.
    func policyPage(_ name: String) -> String? {
        let text: String, title: String
        switch name.lowercased() {
        case "contact": (text, title) = (policies.contact, "Contact")
        case "terms": (text, title) = (policies.terms, "Terms of use")
        case "privacy": (text, title) = (policies.privacy, "Privacy")
        default: return nil
        }
        // The operator's own text, but still through the safe renderer (no raw HTML, no remote images).
        return render(PolicyPageModel(layout: layout(title), title: title, html: MarkdownRenderer.html(text)), "policy")
    }
}

extension WebGallery {
    /// The version `/packages/{id}` shows (latest listed stable, else latest listed, else latest), or nil.
    func latestVersion(id: String) -> FeedVersion? {
        guard let packageID = try? PackageID(validating: id), let package = gallery.feed.snapshot().packages[packageID.lowercased] else {
            return nil
        }
        let versions = package.versions
        return versions.last { $0.listed && !$0.isPrerelease } ?? versions.last { $0.listed } ?? versions.last
    }
}
