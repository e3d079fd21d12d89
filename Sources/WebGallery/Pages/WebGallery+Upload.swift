import Foundation
import Gallery
import HTTPPlumbing

struct UploadPageModel {
    var layout: LayoutModel
    let csrf: String
    let confirmed: Bool
    let maxSize: String
    let error: String?
    let preview: UploadPreviewModel?
}

struct UploadPreviewModel {
    let id: String
    let version: String
    let title: String?
    let description: String
    let authors: String?
    let isNewID: Bool
    let ownerChoices: [String]
    let existingOwners: String
    let license: LicenseModel?
    let licenseURL: String?
    let hasLicenseFile: Bool
    let projectURL: String?
    let tags: String?
    let packageSize: String
    let dependencyGroups: [DependencyGroupModel]
    let hasDependencyGroups: Bool
    let readmeHTML: String?
    let warnings: [String]
    let hasWarnings: Bool
}

extension WebGallery {
    /// The pending upload of a session: one file per session, named by the session's CSRF token (random and bound to
    /// the session), in the upload folder the push uses, so the temp-file sweeper removes abandoned ones.
    func pendingUploadPath(csrf: String) -> String? {
        guard let uploads, WebCookies.isToken(csrf) else { return nil }
        return uploads.temporaryDirectory + "/upload-web-\(csrf).nupkg"
    }

    /// `/packages/manage/upload` (gallery.md §1.12): the upload form, or the review of the pending upload.
    func uploadPage(_ principal: Principal, preview: UploadPreview? = nil, error: String? = nil) async throws -> String {
        var layout = layout("Upload package")
        layout.noIndex = true
        let model = preview.map(previewModel)
        return render(UploadPageModel(
            layout: layout, csrf: WebVisitor.current?.csrfToken ?? "", confirmed: try await accounts.isEmailConfirmed(principal.user),
            maxSize: Format.bytes(uploads?.maxPackageBytes ?? 0), error: error, preview: model), "upload")
    }

    private func previewModel(_ preview: UploadPreview) -> UploadPreviewModel {
        let record = preview.record, metadata = record.metadata
        let groups = metadata.dependencyGroups.map { group in
            let dependencies = group.dependencies.map {
                DependencyModel(id: $0.id, url: PackageURLs.package(id: $0.id), range: Self.prettyRange($0.range))
            }
            return DependencyGroupModel(
                framework: group.targetFramework.map(Self.frameworkName) ?? "Any framework",
                dependencies: dependencies, hasDependencies: !dependencies.isEmpty)
        }
        var warnings = preview.warnings
        if preview.readme == nil { warnings.append("The package has no README: the package page will show its description.") }
        return UploadPreviewModel(
            id: record.id, version: record.version,
            title: metadata.title.flatMap { $0.isEmpty || $0 == record.id ? nil : $0 }, description: metadata.description,
            authors: metadata.authors.isEmpty ? nil : metadata.authors, isNewID: preview.isNewID, ownerChoices: preview.ownerChoices,
            existingOwners: preview.existingOwners.joined(separator: ", "),
            license: metadata.licenseExpression.map { LicenseModel(parts: Self.licenseParts($0)) },
            licenseURL: SafeURL.http(metadata.licenseUrl), hasLicenseFile: metadata.licenseFile != nil,
            projectURL: SafeURL.http(metadata.projectUrl), tags: metadata.tags.isEmpty ? nil : metadata.tags.joined(separator: ", "),
            packageSize: Format.bytes(record.packageSize), dependencyGroups: groups, hasDependencyGroups: !groups.isEmpty,
            readmeHTML: preview.readme.map { MarkdownRenderer.html(String(decoding: $0, as: UTF8.self)) },
            warnings: warnings, hasWarnings: !warnings.isEmpty)
    }
}
