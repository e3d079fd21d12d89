import Foundation
import Gallery
import NuGetCore

struct LicensePageModel {
    let layout: LayoutModel
    let id: String
    let version: String
    let packageURL: String
    let expressionParts: [LicensePartModel]
    let licenseURL: String?
    let fileText: String?
    let none: Bool
    let requireAcceptance: Bool
}

extension WebGallery {
    /// `/packages/{id}/{version}/license`: nil when the version does not exist.
    func licensePage(id: String, version: String) async throws -> String? {
        guard let packageID = try? PackageID(validating: id), let parsed = try? NuGetVersion(parsing: version),
              let package = gallery.feed.snapshot().packages[packageID.lowercased],
              let version = package.version(lowerVersion: parsed.normalizedLowercased),
              let record = try await gallery.feedRecords.record(version.key) else { return nil }
        let metadata = record.metadata
        var fileText: String?
        if metadata.licenseFile != nil, let data = try await gallery.blobs.data(.licenseFile(record.key)) {
            fileText = String(decoding: data, as: UTF8.self)
        }
        let parts = metadata.licenseExpression.map(Self.licenseParts) ?? []
        let licenseURL = SafeURL.http(metadata.licenseUrl)
        var layout = layout("License of \(record.id) \(record.version)")
        layout.navPackages = true
        return render(LicensePageModel(
            layout: layout, id: record.id, version: record.version,
            packageURL: PackageURLs.version(id: record.id, version: record.normalizedVersion),
            expressionParts: parts, licenseURL: parts.isEmpty && fileText == nil ? licenseURL : nil, fileText: fileText,
            none: parts.isEmpty && fileText == nil && licenseURL == nil, requireAcceptance: metadata.requireLicenseAcceptance
        ), "license")
    }
}
