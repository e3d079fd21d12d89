import NuGetProtocol

/// One version's registration content, built once per render and then placed in each hive.
///
/// Only `catalogEntry.@id` (when there is no catalog leaf) and the dependencies' `registration` links
/// differ between hives; everything else is computed here once.
struct RegistrationEntrySource {
    let record: PackageVersionRecord
    /// The catalog entry with every hive-independent field set.
    private let entry: CatalogEntryDocument
    private let catalogLeafURL: String?
    private let packageContent: String

    /// - Parameter catalogLeafURL: the newest catalog leaf about this version, if known.
    /// - Parameter verified: the id is verified (prefix reservation); written only when true.
    /// - Parameter advisories: the id's known vulnerabilities; those whose range holds this version are written.
    init(
        record: PackageVersionRecord, catalogLeafURL: String?, verified: Bool = false, advisories: [Advisory] = [],
        groups: inout DependencyGroupRendering, urls: FeedURLs
    ) {
        self.record = record
        self.catalogLeafURL = catalogLeafURL
        let metadata = record.metadata
        let packageContent = urls.packageContent(lowerID: record.lowerID, lowerVersion: record.lowerVersion)
        self.packageContent = packageContent
        self.entry = CatalogEntryDocument(
            url: catalogLeafURL ?? "",
            id: record.id,
            version: record.version,
            authors: metadata.authors,
            description: metadata.description,
            summary: metadata.summary ?? "",
            title: metadata.title ?? "",
            language: metadata.language ?? "",
            projectUrl: metadata.projectUrl ?? "",
            iconUrl: Self.iconURL(record, urls: urls),
            licenseUrl: Self.licenseURL(record, urls: urls),
            readmeUrl: Self.readmeURL(record, urls: urls),
            licenseExpression: metadata.licenseExpression,
            tags: metadata.tags,
            listed: record.listed,
            published: Self.published(record),
            requireLicenseAcceptance: metadata.requireLicenseAcceptance,
            minClientVersion: metadata.minClientVersion.flatMap { $0.isEmpty ? nil : $0 },
            packageContent: packageContent,
            dependencyGroups: groups.groups(metadata.dependencyGroups),
            deprecation: record.deprecation?.document,
            vulnerabilities: advisories.isEmpty ? nil : Self.vulnerabilities(record, advisories),
            verified: verified ? true : nil
        )
    }

    /// Omitted (nil) when no advisory covers the version, as nuget.org does.
    static func vulnerabilities(_ record: PackageVersionRecord, _ advisories: [Advisory]) -> [Vulnerability]? {
        let found = VulnerabilityRenderer.vulnerabilities(of: record.version, in: advisories)
        return found.isEmpty ? nil : found
    }

    /// The page item for this version in `hive`.
    func leaf(in hive: FeedURLs.Hive, urls: FeedURLs) -> RegistrationLeaf {
        var entry = entry
        entry.url = catalogEntryURL(in: hive, urls: urls)
        entry.dependencyGroups = entry.dependencyGroups?.linked(into: hive, urls: urls)
        return RegistrationLeaf(
            url: urls.registrationLeaf(hive, lowerID: record.lowerID, lowerVersion: record.lowerVersion),
            catalogEntry: entry,
            packageContent: packageContent,
            registration: urls.registrationIndex(hive, lowerID: record.lowerID)
        )
    }

    /// The standalone leaf document served at the page item's `@id`.
    func leafDocument(in hive: FeedURLs.Hive, urls: FeedURLs) -> RenderedDocument {
        let url = urls.registrationLeaf(hive, lowerID: record.lowerID, lowerVersion: record.lowerVersion)
        let document = RegistrationLeafDocument(
            url: url,
            catalogEntry: catalogEntryURL(in: hive, urls: urls),
            listed: record.listed,
            packageContent: packageContent,
            published: entry.published,
            registration: urls.registrationIndex(hive, lowerID: record.lowerID)
        )
        return RenderedDocument(path: urls.documentPath(of: url), body: WireJSON.encode(document))
    }

    /// NuGet.Client requires `catalogEntry.@id`; without a known catalog leaf, a stable URL of our own
    /// (this version's registration leaf, with a fragment) stands in, as the protocol allows.
    private func catalogEntryURL(in hive: FeedURLs.Hive, urls: FeedURLs) -> String {
        catalogLeafURL
            ?? urls.registrationLeaf(hive, lowerID: record.lowerID, lowerVersion: record.lowerVersion) + "#catalogEntry"
    }
}
