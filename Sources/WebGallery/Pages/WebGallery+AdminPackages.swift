import Foundation
import Gallery
import NuGetCore

struct VersionCheckModel {
    let version: String
    let domID: String
    let facts: String
}

struct AdminVersionsModel {
    var layout: LayoutModel
    let csrf: String
    let query: String
    let packageID: String
    let versions: [VersionCheckModel]
    let hasVersions: Bool
    let noVersions: Bool
    let reasons: [String]
    let message: String?
    let error: String?
}

extension WebGallery {
    /// `/admin/Delete?q=` and `/admin/Listing?q=`: the available versions of an id (listed or not), newest first.
    func adminVersionsPage(template: String, query: String, message: String? = nil, error: String? = nil) async throws -> String {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        var records: [PackageVersionRecord] = []
        if !trimmed.isEmpty, let id = try? PackageID(validating: trimmed) {
            records = try await gallery.store.versions(ofLowerID: id.lowercased).filter { $0.state == .available }
                .sorted { $0.created > $1.created }
        }
        var owners: [String] = []
        if let first = records.first { owners = try await ownerNamesFromStore(lowerID: first.lowerID) }
        let versions = records.enumerated().map { index, record in
            VersionCheckModel(
                version: record.normalizedVersion, domID: String(index),
                facts: "\(record.listed ? "listed" : "unlisted"), \(Format.grouped(record.downloads)) downloads, created \(Format.shortDay(record.created))"
                    + (owners.isEmpty ? "" : ", owners \(owners.joined(separator: ", "))"))
        }
        return render(AdminVersionsModel(
            layout: adminLayout(template == "adminDelete" ? "Delete packages" : "Listing in bulk"),
            csrf: WebVisitor.current?.csrfToken ?? "", query: trimmed, packageID: records.first?.id ?? trimmed, versions: versions,
            hasVersions: !versions.isEmpty, noVersions: !trimmed.isEmpty && versions.isEmpty, reasons: SupportReasons.prohibitedUse,
            message: message, error: error), template)
    }
}
