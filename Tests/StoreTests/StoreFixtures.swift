import Foundation
import Gallery

/// Builders for the records the contract tests store.
enum Fixture {
    /// A fixed instant with sub-second digits, truncated as `GalleryClock` does.
    static let now = Date(timeIntervalSince1970: 1_736_000_000.123456).truncatedToMicroseconds

    /// A time `seconds` after `now`, microsecond-truncated.
    static func later(_ seconds: Double) -> Date {
        now.addingTimeInterval(seconds).truncatedToMicroseconds
    }

    /// A pending-ready version record with rich metadata (so the JSON round trip is exercised).
    static func record(_ id: String = "Contoso.Utils", _ version: String = "1.0.0", created: Date = now) -> PackageVersionRecord {
        PackageVersionRecord(
            id: id, version: version, normalizedVersion: version.split(separator: "+").first.map(String.init) ?? version,
            verbatimVersion: version, isPrerelease: version.contains("-"), isSemVer2: version.contains("+"),
            listed: true, state: .pending, created: created, published: created, packageSize: 4_242,
            packageHash: "hash-\(id)-\(version)",
            metadata: PackageMetadata(
                title: "Utils", authors: "Contoso, Ltd.", description: "Useful things — ünïcode too.",
                tags: ["utils", "contoso"], projectUrl: "https://example.test/utils", licenseExpression: "MIT",
                repository: RepositoryInfo(type: "git", url: "https://example.test/utils.git"),
                packageTypes: [PackageTypeInfo(name: "Dependency")],
                dependencyGroups: [
                    DependencyGroupInfo(targetFramework: "net8.0", dependencies: [DependencyInfo(id: "Newtonsoft.Json", range: "[13.0.1, )")]),
                    DependencyGroupInfo(targetFramework: nil, dependencies: []),
                ],
                supportedFrameworks: ["net8.0"], hasReadme: true
            )
        )
    }

    /// A catalog entry about `record`.
    static func entry(_ record: PackageVersionRecord, kind: CatalogEntry.Kind = .packageDetails, at date: Date = now) -> CatalogEntry {
        CatalogEntry(
            kind: kind, commitID: UUID().uuidString.lowercased(), commitTimeStamp: date, id: record.id,
            version: record.version, leafPath: "data/\(date.timeIntervalSince1970)/\(record.lowerID).\(record.lowerVersion).json",
            leafJSON: Data(#"{"id":"\#(record.id)","version":"\#(record.version)"}"#.utf8)
        )
    }

    static func user(_ name: String = "Alice") -> User {
        User(name: name, email: "\(name.lowercased())@example.test", created: now)
    }
}

/// Whether a store refused a write with its unique-constraint error.
func isAlreadyExists(_ error: any Error) -> Bool {
    if case StoreError.alreadyExists = error { true } else { false }
}

extension Fixture {
    /// The lease of every claim the contract tests make through `claimVersion(_:owner:)`: one hour from `now`.
    static let lease = ClaimLease(token: "fixture-claim", expires: later(3_600))
}

/// What a store answers when a claim helper's claim could not be published.
struct ClaimNotHeld: Error {}

extension PackageVersionStore {
    /// Claims at `Fixture.now` with `Fixture.lease`.
    func claimVersion(_ record: PackageVersionRecord, owner: Int64?) async throws -> ClaimOutcome {
        try await claimVersion(record, owner: owner, lease: Fixture.lease, now: Fixture.now)
    }

    /// Publishes a claim made with `Fixture.lease`, without audit events; throws when it is not held.
    func publishClaim(_ key: PackageVersionKey, catalogEntry: CatalogEntry) async throws {
        guard try await publishClaim(key, token: Fixture.lease.token, catalogEntry: catalogEntry, audit: []) else {
            throw ClaimNotHeld()
        }
    }

    /// Unlists or relists at `date` by the domain's rule, with the catalog entry `makeEntry` builds from the new record.
    func setListed(
        _ listed: Bool, _ key: PackageVersionKey, at date: Date,
        catalogEntry makeEntry: @escaping @Sendable (PackageVersionRecord) throws -> CatalogEntry
    ) async throws -> PackageVersionRecord? {
        try await updateListing(key, audit: []) { current in
            let record = current.listing(listed, at: date)
            return (record, try makeEntry(record))
        }
    }
}

extension AccountStore {
    /// Adds an owner in its own transaction (and marks nothing dirty).
    func addOwner(_ accountKey: Int64, toLowerID lowerID: String) async throws {
        try await apply([.addOwner(accountKey: accountKey, lowerID: lowerID)])
    }
}
