/// Where the whole records of feed versions are read: the V2 view keeps summaries only, so an answer that shows
/// entries (a V2 page, a package page) reads their records here.
public struct FeedRecordSource: Sendable {
    private let read: @Sendable ([PackageVersionKey]) async throws -> [PackageVersionRecord]

    /// Records read from the metadata store, one query for up to 400 keys (a V2 page is at most 100 entries).
    public static func store(_ store: any PackageVersionStore) -> FeedRecordSource {
        FeedRecordSource { keys in try await store.versions(keys) }
    }

    /// Records held in memory: those an upstream package was built from.
    public static func held(_ records: [PackageVersionRecord]) -> FeedRecordSource {
        let byKey = Dictionary(records.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return FeedRecordSource { keys in keys.compactMap { byKey[$0] } }
    }

    /// The records of `keys`, by key; a key without a record (hard-deleted and purged meanwhile) is absent.
    public func records(_ keys: [PackageVersionKey]) async throws -> [PackageVersionKey: PackageVersionRecord] {
        guard !keys.isEmpty else { return [:] }
        var out: [PackageVersionKey: PackageVersionRecord] = [:]
        for record in try await read(Array(Set(keys))) { out[record.key] = record }
        return out
    }

    /// The record of one version, or nil.
    public func record(_ key: PackageVersionKey) async throws -> PackageVersionRecord? {
        try await records([key])[key]
    }
}

/// A package the V2 view does not hold (an upstream's), with the records it was built from.
public struct HeldFeedPackage: Sendable {
    public let package: FeedPackage
    public let records: [PackageVersionRecord]

    /// Builds the package from its records; nil when none is available.
    public init?(lowerID: String, records: [PackageVersionRecord]) {
        guard let package = FeedPackage(lowerID: lowerID, records: records) else { return nil }
        self.package = package
        self.records = records
    }

    /// Where its records are read.
    public var source: FeedRecordSource { .held(records) }
}

extension PackageGallery {
    /// Where the records of the V2 view's versions are read (the metadata store).
    public var feedRecords: FeedRecordSource { .store(store) }
}
