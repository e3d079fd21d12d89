/// What the index keeps of one package id: its versions in NuGet order and, for each filter
/// combination (prerelease × SemVer level), the latest visible version and its searchable tokens.
///
/// Everything a query compares is computed here, once per write, so a query is a scan with
/// integer and byte comparisons. Immutable and a class: a query's scan touches 10k of these,
/// and copying a struct full of arrays costs a dozen reference-count operations each.
final class IndexedPackage: Sendable {
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
    init?(
        records: [PackageVersionRecord], owners: [String], verified: Bool, advisories: [Advisory] = [],
        vocabulary: inout SearchVocabulary
    ) {
        let available = SearchVersionOrder.ascending(records.filter { $0.state == .available })
        guard let any = available.first else { return nil }
        let versions = available.map(IndexedVersion.init(record:))
        var views: [View?] = []
        var texts: [PackageText] = []
        var textOfVersion: [Int: Int] = [:]
        for combination in 0..<4 {
            let prerelease = combination & 1 != 0, semVer2 = combination & 2 != 0
            guard let latest = versions.lastIndex(where: { $0.isVisible(prerelease: prerelease, semVer2: semVer2) }) else {
                views.append(nil)
                continue
            }
            if textOfVersion[latest] == nil {
                textOfVersion[latest] = texts.count
                texts.append(PackageText(record: available[latest], vocabulary: &vocabulary))
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

    init(record: PackageVersionRecord) {
        full = record.version
        normalized = record.normalizedVersion
        lowerVersion = record.lowerVersion
        isPrerelease = record.isPrerelease
        isSemVer2 = record.isSemVer2
        listed = record.listed
        downloads = record.downloads
    }

    /// Unlisted versions never appear; `prerelease=false` hides prereleases and SemVer 1
    /// requests hide SemVer 2.0.0 versions (protocol §5).
    func isVisible(prerelease: Bool, semVer2: Bool) -> Bool {
        listed && (prerelease || !isPrerelease) && (semVer2 || !isSemVer2)
    }
}
