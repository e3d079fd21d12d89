public import Foundation
public import NuGetCore

/// One package id as the V2 feed sees it: its available versions in NuGet order, each with the
/// latest flags computed over **listed** versions only (protocol §7, "Unlisted in V2").
///
/// Versions are summaries (`VersionSummary`: what V2 filters, orders and searches on), not whole records: at a
/// million versions the records were most of the process's memory and decoding them most of its start-up.
/// A V2 page reads its entries' records from the store (`PackageGallery.records(of:)`).
public struct FeedPackage: Sendable {
    public let lowerID: String
    /// Available versions (listed and unlisted), ascending in NuGet version order.
    public let versions: [FeedVersion]
    /// The view's generation when this id was last put into it (`FeedSnapshot.generation`): it moves with every
    /// change of this id's versions or listing, so an answer derived from the id can be kept while it holds.
    public internal(set) var generation = 0

    /// Builds the package from its records; nil when none is available.
    init?(lowerID: String, records: [PackageVersionRecord]) {
        var summaries: [VersionSummary] = []
        for record in records where record.state == .available {
            summaries.append(VersionSummary(record, sharing: summaries.last?.texts))
        }
        self.init(lowerID: lowerID, parsed: ParsedVersions(summaries))
    }

    /// Builds the package from the summaries of its available versions; nil when there are none.
    init?(lowerID: String, parsed: ParsedVersions) {
        guard !parsed.summaries.isEmpty else { return nil }
        let order = parsed.feedOrder()
        let sorted = order.map { parsed.summaries[$0] }
        self.lowerID = lowerID
        // semVerLevel decides which versions compete for "latest": without 2.0.0, SemVer2 versions
        // are hidden and the flags are computed among SemVer1 versions only (protocol §7).
        func lastIndex(semVer2: Bool, prerelease: Bool) -> Int? {
            sorted.lastIndex { $0.listed && (semVer2 || !$0.isSemVer2) && (prerelease || !$0.isPrerelease) }
        }
        let latest1 = lastIndex(semVer2: false, prerelease: false), absolute1 = lastIndex(semVer2: false, prerelease: true)
        let latest2 = lastIndex(semVer2: true, prerelease: false), absolute2 = lastIndex(semVer2: true, prerelease: true)
        var versions: [FeedVersion] = []
        versions.reserveCapacity(sorted.count)
        for (index, source) in order.enumerated() {
            let summary = parsed.summaries[source]
            var flags: UInt8 = 0
            if index == latest1 { flags |= FeedVersion.latest1 }
            if index == absolute1 { flags |= FeedVersion.absoluteLatest1 }
            if index == latest2 { flags |= FeedVersion.latest2 }
            if index == absolute2 { flags |= FeedVersion.absoluteLatest2 }
            // The full version parses like the normalized one unless it carries build metadata.
            let full = summary.version == summary.normalizedVersion ? parsed.versions[source] : try? NuGetVersion(parsing: summary.version)
            versions.append(FeedVersion(summary: summary, parsed: full, flags: flags))
        }
        self.versions = versions
    }

    /// The version with this `lower(norm(v))`, listed or not.
    public func version(lowerVersion: String) -> FeedVersion? {
        versions.first { $0.lowerVersion == lowerVersion }
    }
}

/// The summaries of one id's available versions with their normalized versions parsed once, for both orders
/// that are taken of them (the V2 feed's and search's).
struct ParsedVersions: Sendable {
    let summaries: [VersionSummary]
    /// `NuGetVersion(parsing: normalizedVersion)` of each summary; nil only for a corrupt row.
    let versions: [NuGetVersion?]

    init(_ summaries: [VersionSummary]) {
        self.summaries = summaries
        versions = summaries.map { try? NuGetVersion(parsing: $0.normalizedVersion) }
    }

    /// Positions in NuGet order as documents list versions (`availableInNuGetOrder`): an unparsable version
    /// sorts after the rest, by string.
    func feedOrder() -> [Int] {
        summaries.indices.sorted { a, b in
            switch (versions[a], versions[b]) {
            case let (l?, r?): l == r ? summaries[a].lowerVersion < summaries[b].lowerVersion : l < r
            case (.some, .none): true
            case (.none, .some): false
            case (.none, .none): summaries[a].lowerVersion < summaries[b].lowerVersion
            }
        }
    }

    /// Positions in NuGet order as search sorts: an unparsable version (only a corrupt row) first, by string.
    func searchOrder() -> [Int] {
        summaries.indices.sorted { a, b in
            switch (versions[a], versions[b]) {
            case let (x?, y?): x < y
            case (nil, _?): true
            case (_?, nil): false
            case (nil, nil): summaries[a].normalizedVersion < summaries[b].normalizedVersion
            }
        }
    }
}

/// One available version with its precomputed latest flags.
public struct FeedVersion: Sendable, Equatable {
    /// Everything V2 filters, orders and searches on.
    public let summary: VersionSummary
    /// `lower(norm(v))`, kept because lookups compare it.
    public let lowerVersion: String
    /// The parsed full version (nil only for a corrupt row), for ordering and range checks.
    public let parsed: NuGetVersion?
    private let flags: UInt8

    static let latest1: UInt8 = 1, absoluteLatest1: UInt8 = 2, latest2: UInt8 = 4, absoluteLatest2: UInt8 = 8

    init(summary: VersionSummary, parsed: NuGetVersion?, flags: UInt8) {
        self.summary = summary
        self.lowerVersion = summary.lowerVersion
        self.parsed = parsed
        self.flags = flags
    }

    /// `IsLatestVersion`: the newest listed stable version among those the SemVer level shows.
    public func isLatestVersion(semVer2: Bool) -> Bool { flags & (semVer2 ? Self.latest2 : Self.latest1) != 0 }
    /// `IsAbsoluteLatestVersion`: the newest listed version, prerelease included.
    public func isAbsoluteLatestVersion(semVer2: Bool) -> Bool {
        flags & (semVer2 ? Self.absoluteLatest2 : Self.absoluteLatest1) != 0
    }
    /// Shown at this SemVer level (SemVer 2.0.0 versions only with `semVerLevel=2.0.0`).
    public func isVisible(semVer2: Bool) -> Bool { semVer2 || !summary.isSemVer2 }

    /// The id as this version's nuspec spells it.
    public var id: String { summary.texts.id }
    /// `lower(id)`.
    public var lowerID: String { summary.texts.lowerID }
    /// `full(v)`.
    public var version: String { summary.version }
    /// `norm(v)`.
    public var normalizedVersion: String { summary.normalizedVersion }
    public var listed: Bool { summary.listed }
    public var isPrerelease: Bool { summary.isPrerelease }
    public var isSemVer2: Bool { summary.isSemVer2 }
    public var isDeprecated: Bool { summary.isDeprecated }
    public var created: Date { summary.created }
    public var published: Date { summary.published }
    public var lastEdited: Date? { summary.lastEdited }
    /// The texts V2 filters and searches on.
    public var texts: VersionTexts { summary.texts }
    public var key: PackageVersionKey { PackageVersionKey(lowerID: lowerID, lowerVersion: lowerVersion) }
}
