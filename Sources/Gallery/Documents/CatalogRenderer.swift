public import Foundation
import NuGetProtocol

/// Renders catalog leaves, pages and the catalog index (protocol §6).
public enum CatalogRenderer {
    /// The path (below `catalog/`) and bytes of the leaf describing `record` at a commit.
    ///
    /// The leaf is rendered once, at commit time, and never changes: it holds no URL of ours (see
    /// `CatalogPackageDetails`), so it survives a change of the public base URL.
    public static func leaf(
        for record: PackageVersionRecord, kind: CatalogEntry.Kind, commitID: String, commitTimeStamp: Date
    ) -> (path: String, json: Data) {
        let stamp = WireDate.format(commitTimeStamp, zone: .zulu)
        let json: Data
        switch kind {
        case .packageDetails:
            json = WireJSON.encode(details(record, commitID: commitID, commitTimeStamp: stamp))
        case .packageDelete:
            // nuget.org: the version as authored, and the deletion time as `published`.
            json = WireJSON.encode(CatalogPackageDelete(
                commitId: commitID, commitTimeStamp: stamp, id: record.id, version: record.verbatimVersion,
                published: stamp))
        }
        return (leafPath(lowerID: record.lowerID, lowerVersion: record.lowerVersion, commitTimeStamp: commitTimeStamp), json)
    }

    /// The catalog item to append for `record` at a commit (its `sequence` is assigned by the store).
    public static func entry(
        for record: PackageVersionRecord, kind: CatalogEntry.Kind, commitID: String, commitTimeStamp: Date
    ) -> CatalogEntry {
        let leaf = leaf(for: record, kind: kind, commitID: commitID, commitTimeStamp: commitTimeStamp)
        return CatalogEntry(
            kind: kind, commitID: commitID, commitTimeStamp: commitTimeStamp, id: record.id, version: record.version,
            leafPath: leaf.path, leafJSON: leaf.json)
    }

    /// `data/{yyyy.MM.dd.HH.mm.ss.ffffff}/{lower(id)}.{lower(norm(v))}.json`.
    ///
    /// nuget.org's folder is the commit second. Ours adds the microseconds: a push and an unlist of the
    /// same version within one second are two commits, and with the second alone the second leaf would
    /// overwrite the first, which readers treat as immutable. Commit time stamps strictly increase at the
    /// microsecond precision stores keep (catalog cursors need it anyway), so the path is unique; the fixed
    /// width keeps folder names sorting in commit order. Readers follow `@id`s and never parse this path.
    public static func leafPath(lowerID: String, lowerVersion: String, commitTimeStamp: Date) -> String {
        let c = WireDate.components(commitTimeStamp)
        let folder = [
            WireDate.pad(c.year, 4), WireDate.pad(c.month, 2), WireDate.pad(c.day, 2), WireDate.pad(c.hour, 2),
            WireDate.pad(c.minute, 2), WireDate.pad(c.second, 2), WireDate.pad(c.microsecond, 6),
        ].joined(separator: ".")
        return "data/\(folder)/\(lowerID).\(lowerVersion).json"
    }

    private static func details(_ record: PackageVersionRecord, commitID: String, commitTimeStamp: String) -> CatalogPackageDetails {
        let metadata = record.metadata
        var groups = DependencyGroupRendering()
        return CatalogPackageDetails(
            commitId: commitID, commitTimeStamp: commitTimeStamp, id: record.id, version: record.version,
            verbatimVersion: record.verbatimVersion, isPrerelease: record.isPrerelease, listed: record.listed,
            // `published` is the last listed time, nuget.org's 1900 sentinel while unlisted.
            published: WireDate.format(record.listed ? record.published : WireDate.unlistedPublished, zone: .zulu),
            created: WireDate.format(record.created, zone: .zulu),
            lastEdited: record.lastEdited.map { WireDate.format($0, zone: .zulu) },
            packageHash: record.packageHash, packageSize: record.packageSize,
            authors: metadata.authors, description: metadata.description, title: metadata.title,
            summary: metadata.summary, releaseNotes: metadata.releaseNotes, copyright: metadata.copyright,
            language: metadata.language, projectUrl: metadata.projectUrl, iconUrl: metadata.iconUrl,
            licenseUrl: metadata.licenseUrl, licenseExpression: metadata.licenseExpression,
            requireLicenseAcceptance: metadata.requireLicenseAcceptance, minClientVersion: metadata.minClientVersion,
            tags: metadata.tags,
            // Only authored package types appear (an empty list means the implicit `Dependency`).
            packageTypes: metadata.packageTypes.isEmpty
                ? nil : metadata.packageTypes.map { CatalogPackageType(name: $0.name, version: $0.version) },
            dependencyGroups: groups.groups(metadata.dependencyGroups),
            deprecation: record.deprecation?.document
        )
    }
}
