import Synchronization

/// What the index keeps of one package id: its versions in NuGet order and, for each filter
/// combination (prerelease × SemVer level), the latest visible version and its searchable tokens.
///
/// Everything a query compares is computed here, once per write, so a query is a scan with
/// integer and byte comparisons. Immutable and a class: a query's scan touches 10k of these,
/// and copying a struct full of arrays costs a dozen reference-count operations each.
final class IndexedPackage: Sendable {
    /// Unique to this object for the life of the process (search keeps rendered hits under it: `SearchHitFragments`).
    /// An entry is never changed, so equal serials mean equal contents.
    let serial = IndexedPackage.serials.add(1, ordering: .relaxed).newValue
    private static let serials = Atomic<UInt64>(0)

    let lowerID: String
    /// Every available version, listed or not (unlisted ones still count towards
    /// `totalDownloads`), ascending by NuGet version order.
    let versions: [IndexedVersion]
    /// Per `SearchQuery.filterCombination`: the latest visible version, or nil when the filters
    /// leave no listed version (the package is then not in the results, protocol §12.17).
    let views: [View?]
    /// Searchable tokens of each distinct latest version (at most four, usually one or two).
    let texts: [PackageText]
    /// Account names allowed to push, as given.
    let owners: [String]
    let lowerOwners: Set<String>
    let verified: Bool
    let totalDownloads: Int64
    /// Known vulnerabilities of the id; search shows those covering the latest version.
    let advisories: [Advisory]

    struct View: Sendable {
        /// Index in `versions`.
        let latest: Int
        /// Index in `texts`.
        let text: Int
    }

    /// Builds the entry of one id from its records (pending and deleted ones are ignored).
    /// Returns nil when no version is listed under any filter: the id is not searchable.
    convenience init?(
        records: [PackageVersionRecord], owners: [String], verified: Bool, advisories: [Advisory] = [],
        vocabulary: inout SearchVocabulary
    ) {
        let available = records.filter { $0.state == .available }
        var summaries: [VersionSummary] = []
        for record in available { summaries.append(VersionSummary(record, sharing: summaries.last?.texts)) }
        let parsed = ParsedVersions(summaries)
        let order = parsed.searchOrder()
        self.init(
            ordered: order.map { parsed.summaries[$0] }, record: { available[order[$0]] }, owners: owners, verified: verified,
            advisories: advisories, vocabulary: &vocabulary)
    }

    /// Builds the entry of one id from the summaries of its available versions in search's version order
    /// (`ParsedVersions.searchOrder`); `record(n)` gives the record of `ordered[n]`, asked only for the positions
    /// `latestPositions(ordered)` names (at start-up only those records are read). Nil when no version is listed
    /// under any filter.
    init?(
        ordered summaries: [VersionSummary], record: (Int) -> PackageVersionRecord?, owners: [String], verified: Bool,
        advisories: [Advisory] = [], vocabulary: inout SearchVocabulary
    ) {
        guard let any = summaries.first else { return nil }
        let versions = summaries.map(IndexedVersion.init(summary:))
        var views: [View?] = []
        var texts: [PackageText] = []
        var textOfVersion: [Int: Int] = [:]
        for combination in 0..<4 {
            guard let latest = Self.latest(versions, combination: combination), let shown = record(latest) else {
                views.append(nil)
                continue
            }
            if textOfVersion[latest] == nil {
                textOfVersion[latest] = texts.count
                texts.append(PackageText(record: shown, vocabulary: &vocabulary))
            }
            views.append(View(latest: latest, text: textOfVersion[latest]!))
        }
        guard views.contains(where: { $0 != nil }) else { return nil }
        self.lowerID = any.lowerID
        self.versions = versions
        self.views = views
        self.texts = texts
        self.owners = owners
        self.lowerOwners = Set(owners.map { $0.lowercased() })
        self.verified = verified
        self.totalDownloads = versions.reduce(0) { $0 + $1.downloads }
        self.advisories = advisories
    }

    /// The positions in `ordered` (search's version order) whose records the entry shows: the latest visible
    /// version of each filter combination (at most four, usually one or two).
    static func latestPositions(_ ordered: [VersionSummary]) -> Set<Int> {
        let versions = ordered.map(IndexedVersion.init(summary:))
        return Set((0..<4).compactMap { latest(versions, combination: $0) })
    }

    /// The lower id and every text's id casing are pure ASCII: the ASCII tokenizer made its id tokens, so a query
    /// term that starts the lower id has each of its words starting an id token (`SearchIndexState.candidates`).
    var hasASCIIID: Bool {
        lowerID.utf8.allSatisfy { $0 < 0x80 } && texts.allSatisfy { $0.record.id.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The latest version a filter combination (`SearchQuery.filterCombination`) shows.
    private static func latest(_ versions: [IndexedVersion], combination: Int) -> Int? {
        let prerelease = combination & 1 != 0, semVer2 = combination & 2 != 0
        return versions.lastIndex { $0.isVisible(prerelease: prerelease, semVer2: semVer2) }
    }

    /// The listed versions a filter combination shows, ascending.
    func visibleVersions(prerelease: Bool, semVer2: Bool) -> [IndexedVersion] {
        versions.filter { $0.isVisible(prerelease: prerelease, semVer2: semVer2) }
    }

    /// A copy with downloads added to one version, or nil when the version is unknown here.
    func addingDownloads(_ count: Int64, lowerVersion: String) -> IndexedPackage? {
        guard let n = versions.firstIndex(where: { $0.lowerVersion == lowerVersion }) else { return nil }
        var versions = versions
        versions[n].downloads += count
        return IndexedPackage(self, versions: versions, totalDownloads: totalDownloads + count)
    }

    private init(_ other: IndexedPackage, versions: [IndexedVersion], totalDownloads: Int64) {
        lowerID = other.lowerID
        self.versions = versions
        views = other.views
        texts = other.texts
        owners = other.owners
        advisories = other.advisories
        lowerOwners = other.lowerOwners
        verified = other.verified
        self.totalDownloads = totalDownloads
    }
}

/// One available version as search shows it.
struct IndexedVersion: Sendable, Equatable {
    /// `full(v)`.
    let full: String
    /// `norm(v)`.
    let normalized: String
    /// `lower(norm(v))`.
    let lowerVersion: String
    let isPrerelease: Bool
    let isSemVer2: Bool
    let listed: Bool
    var downloads: Int64

    init(summary: VersionSummary) {
        full = summary.version
        normalized = summary.normalizedVersion
        lowerVersion = summary.lowerVersion
        isPrerelease = summary.isPrerelease
        isSemVer2 = summary.isSemVer2
        listed = summary.listed
        downloads = summary.downloads
    }

    /// Unlisted versions never appear; `prerelease=false` hides prereleases and SemVer 1
    /// requests hide SemVer 2.0.0 versions (protocol §5).
    func isVisible(prerelease: Bool, semVer2: Bool) -> Bool {
        listed && (prerelease || !isPrerelease) && (semVer2 || !isSemVer2)
    }
}
