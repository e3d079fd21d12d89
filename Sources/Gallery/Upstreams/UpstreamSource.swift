public import Foundation

/// Another NuGet V3 feed Pallet answers from for ids it does not hold (a pull-through cache): nuget.org, or
/// another Pallet. Gallery declares it; PalletApp implements it over HTTP.
public protocol UpstreamSource: Sendable {
    /// How messages name the upstream (its URL).
    var name: String { get }
    /// The upstream's flat-container version list of a lowercase id (unlisted versions included), as
    /// lowercase normalized versions; nil when the upstream does not have the id (404).
    /// Throws `UpstreamFailure` when the upstream cannot be reached or answers an error.
    func versions(lowerID: String) async throws -> [String]?
    /// One flat-container file of a version (`{id}.{version}.nupkg` or `{id}.nuspec`); nil on 404.
    func file(lowerID: String, lowerVersion: String, name: String) async throws -> Data?
    /// The upstream's own SHA-512 of a version's `.nupkg` (base64, NuGet's `packageHash`), where it publishes
    /// one (its catalog leaf); nil when it offers none. A fetched `.nupkg` that does not match is refused.
    func packageHash(lowerID: String, lowerVersion: String) async throws -> String?
    /// One page of the upstream's search (`SearchQueryService`); nil when it offers none.
    func search(_ request: UpstreamSearchRequest) async throws -> UpstreamSearchPage?
}

extension UpstreamSource {
    /// An upstream that publishes no hashes.
    public func packageHash(lowerID: String, lowerVersion: String) async throws -> String? { nil }
}

/// An upstream could not answer: down, refusing, or too slow.
public struct UpstreamFailure: Error, Sendable, CustomStringConvertible {
    /// Whether it ran out of time (504) rather than failed (502).
    public let isTimeout: Bool
    public let description: String

    public init(isTimeout: Bool = false, _ description: String) {
        self.isTimeout = isTimeout
        self.description = description
    }
}

/// What a search asks an upstream's `SearchQueryService`.
public struct UpstreamSearchRequest: Sendable, Equatable {
    public var q: String
    public var skip: Int
    public var take: Int
    public var prerelease: Bool
    public var semVer2: Bool
    public var packageType: String?

    public init(q: String, skip: Int, take: Int, prerelease: Bool, semVer2: Bool, packageType: String?) {
        self.q = q
        self.skip = skip
        self.take = take
        self.prerelease = prerelease
        self.semVer2 = semVer2
        self.packageType = packageType
    }
}

/// One page of an upstream's search answer: its total and each `data[]` item as the upstream wrote it.
public struct UpstreamSearchPage: Sendable {
    public struct Item: Sendable {
        /// The package id (`id` of the item).
        public var id: String
        /// The item's JSON object, as received.
        public var json: Data

        public init(id: String, json: Data) {
            self.id = id
            self.json = json
        }
    }

    public var totalHits: Int
    public var items: [Item]

    public init(totalHits: Int, items: [Item]) {
        self.totalHits = totalHits
        self.items = items
    }
}

extension UpstreamSource {
    /// An upstream without a search service.
    public func search(_ request: UpstreamSearchRequest) async throws -> UpstreamSearchPage? { nil }
}
