import Foundation

extension PackageGallery {
    /// A registration document (`{hive}/{id}/index.json`, a page or a leaf; `path` below `/v3/`) of an id only
    /// the upstreams have, rendered here from the upstream nuspecs (`Upstreams.feedPackage`) with this feed's
    /// URLs, so its `packageContent` links come back through this feed. Every document carries
    /// `"upstream": [names]` at its top. Nil when the id must stay local or no upstream has it.
    public func upstreamRegistration(_ upstreams: Upstreams, hive: FeedURLs.Hive, path: String) async throws -> RenderedDocument? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == hive.rawValue else { return nil }
        let lowerID = String(parts[1])
        guard (try? Self.versionKey(id: lowerID, version: "1.0.0")) != nil, feed.snapshot().packages[lowerID] == nil,
              try await upstreamRefusal(forLowerID: lowerID) == nil,
              let package = try await upstreams.feedPackage(lowerID: lowerID) else { return nil }
        let documents = RegistrationRenderer.render(hive: hive, records: package.records, urls: urls)
        guard let document = documents.first(where: { $0.path == path }) else { return nil }
        let names = upstreams.sources.map(\.name)
        guard var object = try JSONSerialization.jsonObject(with: document.body) as? [String: Any] else { return document }
        object["upstream"] = names
        return RenderedDocument(path: document.path, body: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// Whether a search result of an upstream must be left out: the id is this feed's (local wins) or falls under
    /// a reserved prefix. `reservations` is read once per search.
    public func shadowsUpstream(lowerID: String, reservations: [PrefixReservation]) -> Bool {
        feed.snapshot().packages[lowerID] != nil || PrefixReservation.deciding(reservations, for: lowerID) != nil
    }
}
