import NuGetProtocol

/// Renders the flat container's version list, `flat/{lower(id)}/index.json` (protocol §3).
public enum FlatContainerRenderer {
    /// The version list of one id, or nil when it has no available version (the route then answers 404,
    /// which restore reads as "no such package").
    ///
    /// Unlisted versions are included: restore of a locked or pinned graph must keep working (§12.7).
    public static func render(records: [PackageVersionRecord], urls: FeedURLs) -> RenderedDocument? {
        render(sorted: records.availableInNuGetOrder(), urls: urls)
    }

    /// Renders from versions already filtered to `available` and sorted in NuGet order.
    static func render(sorted records: [PackageVersionRecord], urls: FeedURLs) -> RenderedDocument? {
        guard let first = records.first else { return nil }
        let document = FlatContainerVersions(versions: records.map(\.lowerVersion))
        return RenderedDocument(
            path: urls.documentPath(of: urls.flatIndex(lowerID: first.lowerID)),
            body: WireJSON.encode(document)
        )
    }
}
