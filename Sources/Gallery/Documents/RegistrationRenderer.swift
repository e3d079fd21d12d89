import NuGetProtocol

/// Renders a package's registration documents in one hive: index, pages and leaves (protocol §4).
public enum RegistrationRenderer {
    /// Leaves per page, as nuget.org.
    public static let pageSize = 64
    /// nuget.org inlines every leaf in the index up to this many versions; above it, the index lists
    /// page references (`@id`, `count`, `lower`, `upper`) and each page is a document of its own.
    public static let maximumInlinedVersions = 127

    /// Every document of one id in `hive`, the index first; empty when the hive holds no version of it
    /// (a SemVer 1.0.0 hive and only SemVer 2.0.0 versions), so the index route answers 404.
    ///
    /// - Parameter catalogLeafURLs: the newest catalog leaf URL per version; versions missing here fall
    ///   back to their record's `catalogLeafPath`, then to a stable URL of our own.
    public static func render(
        hive: FeedURLs.Hive, records: [PackageVersionRecord], catalogLeafURLs: [PackageVersionKey: String] = [:],
        urls: FeedURLs
    ) -> [RenderedDocument] {
        let sources = RegistrationEntrySource.sources(
            for: records.availableInNuGetOrder(), catalogLeafURLs: catalogLeafURLs, urls: urls)
        return render(hive: hive, sources: sources, urls: urls)
    }

    /// Renders from sources already filtered to `available` versions and sorted in NuGet order.
    static func render(hive: FeedURLs.Hive, sources: [RegistrationEntrySource], urls: FeedURLs) -> [RenderedDocument] {
        // SemVer 1.0.0 hives exist for clients that cannot parse SemVer 2.0.0 versions or ranges.
        let included = hive.includesSemVer2 ? sources : sources.filter { !$0.record.isSemVer2 }
        guard let lowerID = included.first?.record.lowerID else { return [] }
        let indexURL = urls.registrationIndex(hive, lowerID: lowerID)
        let inlined = included.count <= maximumInlinedVersions

        var pageDocuments: [RenderedDocument] = []
        var pages: [RegistrationPage] = []
        for start in stride(from: 0, to: included.count, by: pageSize) {
            let chunk = included[start..<min(start + pageSize, included.count)]
            let leaves = chunk.map { $0.leaf(in: hive, urls: urls) }
            // Bounds are inclusive normalized versions; NuGet.Client parses them strictly (§12.8).
            let lower = chunk[chunk.startIndex].record.normalizedVersion
            let upper = chunk[chunk.endIndex - 1].record.normalizedVersion
            if inlined {
                pages.append(RegistrationPage(
                    url: urls.inlinePage(hive, lowerID: lowerID, lower: lower, upper: upper),
                    count: leaves.count, items: leaves, lower: lower, upper: upper, parent: indexURL))
            } else {
                let pageURL = urls.registrationPage(hive, lowerID: lowerID, lower: lower, upper: upper)
                let page = RegistrationPage(
                    url: pageURL, count: leaves.count, items: leaves, lower: lower, upper: upper, parent: indexURL)
                pageDocuments.append(RenderedDocument(path: urls.documentPath(of: pageURL), body: WireJSON.encode(page)))
                pages.append(RegistrationPage(
                    url: pageURL, count: leaves.count, items: nil, lower: lower, upper: upper, parent: nil))
            }
        }

        let index = RegistrationIndex(url: indexURL, items: pages)
        var documents = [RenderedDocument(path: urls.documentPath(of: indexURL), body: WireJSON.encode(index))]
        documents.reserveCapacity(1 + pageDocuments.count + included.count)
        documents += pageDocuments
        documents += included.map { $0.leafDocument(in: hive, urls: urls) }
        return documents
    }
}

extension RegistrationEntrySource {
    /// Sources for sorted available records, resolving each version's catalog leaf URL.
    static func sources(
        for sorted: [PackageVersionRecord], catalogLeafURLs: [PackageVersionKey: String], verified: Bool = false,
        advisories: [Advisory] = [], urls: FeedURLs
    ) -> [RegistrationEntrySource] {
        var groups = DependencyGroupRendering()
        return sorted.map { record in
            let leafURL = catalogLeafURLs[record.key] ?? record.catalogLeafPath.map { urls.catalogLeaf(path: $0) }
            return RegistrationEntrySource(
                record: record, catalogLeafURL: leafURL, verified: verified, advisories: advisories, groups: &groups, urls: urls)
        }
    }
}
