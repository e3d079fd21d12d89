public import Foundation
public import NuGetCore

extension PackageVersionRecord {
    /// Builds the record of a freshly read package, listed and `pending` until its blobs are stored.
    ///
    /// The nuspec is the only source of metadata (design: "dependencies come from the nuspec only"),
    /// and every string is stored in the form the wire documents use.
    public init(contents: NupkgContents, pushedAt now: Date) {
        let nuspec = contents.nuspec
        let groups = nuspec.dependencyGroups.map { group in
            DependencyGroupInfo(
                targetFramework: group.targetFramework.flatMap { $0.isAny ? nil : $0.shortFolderName },
                dependencies: group.dependencies.map { DependencyInfo(id: $0.id.original, range: $0.range.normalized) }
            )
        }
        let semVer2 = nuspec.version.isSemVer2
            || nuspec.dependencyGroups.contains { $0.dependencies.contains { $0.range.hasSemVer2Bound } }
        let metadata = PackageMetadata(
            title: nuspec.title, authors: nuspec.authors, description: nuspec.description,
            summary: nuspec.summary, releaseNotes: nuspec.releaseNotes, copyright: nuspec.copyright,
            language: nuspec.language, tags: nuspec.tags, projectUrl: nuspec.projectUrl,
            iconUrl: nuspec.iconUrl, licenseUrl: nuspec.licenseUrl,
            licenseExpression: nuspec.license?.kind == .expression ? nuspec.license?.value : nil,
            licenseFile: nuspec.license?.kind == .file ? nuspec.license?.value : nil,
            requireLicenseAcceptance: nuspec.requireLicenseAcceptance,
            developmentDependency: nuspec.developmentDependency, minClientVersion: nuspec.minClientVersion,
            repository: nuspec.repository.map {
                RepositoryInfo(type: $0.type, url: $0.url, branch: $0.branch, commit: $0.commit)
            },
            packageTypes: nuspec.packageTypes.map { PackageTypeInfo(name: $0.name, version: $0.version) },
            dependencyGroups: groups,
            supportedFrameworks: contents.libFrameworks.map(\.shortFolderName),
            hasReadme: contents.readme != nil, hasIcon: contents.icon != nil, isSigned: contents.isSigned
        )
        self.init(
            id: nuspec.id.original, version: nuspec.version.full, normalizedVersion: nuspec.version.normalized,
            verbatimVersion: nuspec.verbatimVersion, isPrerelease: nuspec.version.isPrerelease, isSemVer2: semVer2,
            listed: true, state: .pending, created: now, published: now, packageSize: contents.packageSize,
            packageHash: contents.sha512Base64, metadata: metadata
        )
    }
}
