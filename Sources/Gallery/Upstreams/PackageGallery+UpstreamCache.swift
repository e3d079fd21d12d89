import Foundation
import NuGetCore

extension PackageGallery {
    /// The upstream packages this feed keeps, in its blob store (shared by every node).
    public var upstreamCache: UpstreamCache { UpstreamCache(blobs: blobs) }

    /// Pins (or unpins) the cached upstream versions of an id, one when `lowerVersion` is given; site admins
    /// only, audited. Returns the versions changed; throws `notFound` when nothing matching is cached.
    @discardableResult
    public func setUpstreamPinned(
        _ pinned: Bool, lowerID: String, lowerVersion: String?, by principal: Principal
    ) async throws -> [PackageVersionKey] {
        guard principal.isSiteAdmin else { throw GalleryError.siteAdminRequired(action: "pin upstream packages") }
        let entries = try await cachedUpstream(lowerID: lowerID, lowerVersion: lowerVersion)
        for entry in entries where entry.pinned != pinned {
            try await upstreamCache.setPinned(pinned, entry.key)
            try await store.appendAudit(AuditEvent(
                time: clock.now(), actor: principal.auditName, action: pinned ? "upstream.pinned" : "upstream.unpinned",
                target: "package \(entry.key.lowerID) \(entry.key.lowerVersion)", details: entry.origin?.upstream ?? ""))
        }
        return entries.filter { $0.pinned != pinned }.map(\.key)
    }

    /// Removes the cached copies of an id's upstream versions (one when `lowerVersion` is given), so the next
    /// request fetches them again; pinned versions are kept. Site admins only, audited.
    public func evictUpstream(
        lowerID: String, lowerVersion: String?, by principal: Principal
    ) async throws -> (evicted: [PackageVersionKey], pinned: [PackageVersionKey]) {
        guard principal.isSiteAdmin else { throw GalleryError.siteAdminRequired(action: "evict upstream packages") }
        let entries = try await cachedUpstream(lowerID: lowerID, lowerVersion: lowerVersion)
        var evicted: [PackageVersionKey] = []
        for entry in entries where !entry.pinned {
            try await upstreamCache.remove(entry)
            try await store.appendAudit(AuditEvent(
                time: clock.now(), actor: principal.auditName, action: "upstream.evicted",
                target: "package \(entry.key.lowerID) \(entry.key.lowerVersion)", details: entry.origin?.upstream ?? ""))
            evicted.append(entry.key)
        }
        return (evicted, entries.filter(\.pinned).map(\.key))
    }

    /// An upstream id as this feed keeps it (the versions whose nuspec it holds), with the upstream it came from
    /// (nil when only nuspecs were fetched, which name none), for the web gallery's page; reads the blob store only,
    /// never an upstream. Nil when nothing is kept or the id must stay local.
    public func keptUpstreamPackage(lowerID: String) async throws -> (package: HeldFeedPackage, upstream: String?)? {
        guard feed.snapshot().packages[lowerID] == nil else { return nil }
        let entries = try await upstreamCache.entries(lowerID: lowerID).filter { $0.files.contains("\(lowerID).nuspec") }
        guard !entries.isEmpty, try await upstreamRefusal(forLowerID: lowerID) == nil else { return nil }
        var records: [PackageVersionRecord] = []
        for entry in entries {
            guard let data = try await upstreamCache.data(entry.key, name: "\(lowerID).nuspec"),
                  let nuspec = try? Nuspec(parsing: data) else { continue }
            records.append(UpstreamCache.record(nuspec: nuspec, nuspecData: data, origin: entry.origin, now: clock.now()))
        }
        guard let package = HeldFeedPackage(lowerID: lowerID, records: records) else { return nil }
        return (package, entries.compactMap { $0.origin?.upstream }.first)
    }

    private func cachedUpstream(lowerID: String, lowerVersion: String?) async throws -> [UpstreamCache.Entry] {
        let entries = try await upstreamCache.entries(lowerID: lowerID)
            .filter { lowerVersion == nil || $0.key.lowerVersion == lowerVersion }
        guard !entries.isEmpty else {
            throw GalleryError.notFound(
                "No upstream package '\(lowerID)'\(lowerVersion.map { " \($0)" } ?? "") is cached here.")
        }
        return entries
    }
}
