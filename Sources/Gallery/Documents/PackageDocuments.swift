/// Every V3 read document of one package id, as a pure function of its version rows
/// (design: "Read path: static documents").
///
/// Rendered after each write that changes the id (push, unlist, relist, deprecation, hard delete) and
/// stored as bytes with their ETags; reads never query. Documents that a previous render produced but this
/// one does not (page documents after re-paging, leaves of a hard-deleted version, a whole id whose last
/// version was deleted) are the caller's to remove.
public enum PackageDocuments {
    /// The flat-container version list, then each hive's index, page documents and standalone leaves.
    ///
    /// Empty when no record is `available` (every read URL of the id then answers 404).
    /// - Parameters:
    ///   - records: every row of one id, in any order and any state (only `available` ones are rendered).
    ///   - catalogLeafURLs: the newest catalog leaf URL per version, for `catalogEntry.@id`; versions missing
    ///     here use their record's `catalogLeafPath`, then a stable URL of our own.
    ///   - verified: the id lies under a prefix reservation one of its owners holds (`verified` in registration).
    public static func render(
        records: [PackageVersionRecord], catalogLeafURLs: [PackageVersionKey: String] = [:], verified: Bool = false,
        advisories: [Advisory] = [], urls: FeedURLs
    ) -> [RenderedDocument] {
        let sorted = records.availableInNuGetOrder()
        guard let flat = FlatContainerRenderer.render(sorted: sorted, urls: urls) else { return [] }
        // Metadata shared by the three hives is prepared once: a 1,000-version id re-renders on every push.
        let sources = RegistrationEntrySource.sources(
            for: sorted, catalogLeafURLs: catalogLeafURLs, verified: verified, advisories: advisories, urls: urls)
        var documents = [flat]
        for hive in FeedURLs.Hive.allCases {
            documents += RegistrationRenderer.render(hive: hive, sources: sources, urls: urls)
        }
        return documents
    }
}
