/// A parsed `SearchQueryService` (or autocomplete) request (protocol §5, "Query").
///
/// Free words are matched with OR: a package matching any word is a hit, and packages
/// matching more words rank higher. `field:value` tokens are filters and are ANDed, as on
/// nuget.org (`id:jquery tags:validation`).
public struct SearchQuery: Sendable, Equatable {
    /// The page size when `take` is absent (nuget.org's default).
    public static let defaultTake = 20
    /// nuget.org caps `take` at 1,000; larger values are lowered to the cap.
    public static let maximumTake = 1_000
    /// nuget.org caps `skip` at 3,000; larger values are lowered to the cap.
    public static let maximumSkip = 3_000

    /// `q` exactly as received (autocomplete matches it as one prefix).
    public var text: String
    /// Free words and quoted phrases, in the order typed.
    public var terms: [String]
    /// `field:value` restrictions with a known field.
    public var filters: [SearchFieldFilter]
    /// Packages to pass over (0...3,000).
    public var skip: Int
    /// Page size (0...1,000).
    public var take: Int
    /// `prerelease=true`: prerelease versions may be picked as latest and are listed.
    public var includePrerelease: Bool
    /// `semVerLevel=2.0.0`: SemVer 2.0.0 versions are included.
    public var includeSemVer2: Bool
    /// Keep packages whose latest version has this type (case-insensitive); nil = no filter.
    public var packageType: String?
    /// How the page is ordered: relevance (every NuGet surface), or the web gallery's other sorts.
    public var order: SearchOrder = .relevance

    /// Creates a query from already-typed values; `skip`/`take` are clamped to nuget.org's range.
    public init(
        q: String = "", skip: Int = 0, take: Int = SearchQuery.defaultTake,
        includePrerelease: Bool = false, includeSemVer2: Bool = false, packageType: String? = nil
    ) {
        self.text = q
        let parsed = SearchQuery.parseTerms(q)
        self.terms = parsed.terms
        self.filters = parsed.filters
        self.skip = min(max(skip, 0), SearchQuery.maximumSkip)
        self.take = min(max(take, 0), SearchQuery.maximumTake)
        self.includePrerelease = includePrerelease
        self.includeSemVer2 = includeSemVer2
        let type = packageType?.trimmedForSearch() ?? ""
        self.packageType = type.isEmpty ? nil : type
    }

    /// Reads the query-string parameters of a search or autocomplete request.
    ///
    /// Parameter names are case-insensitive (ASP.NET binding on nuget.org). Unknown parameters
    /// (`supportedFramework`, `includeDelisted`, …) are ignored: delisted packages never appear.
    /// The package type may arrive as `packageType` (search reference), `packageTypes`
    /// (implementation guide) or `packageTypeFilter` (NuGet.Client); the first non-empty wins.
    public init(parameters: some Sequence<(key: String, value: String)>) throws(SearchQueryError) {
        var q = "", skip = 0, take = SearchQuery.defaultTake
        var prerelease = false, semVer2 = false
        var packageType: String?
        for (key, value) in parameters {
            switch key.lowercased() {
            case "q": q = value
            case "skip": skip = try SearchQuery.wholeNumber(value, parameter: "skip", default: 0)
            case "take": take = try SearchQuery.wholeNumber(value, parameter: "take", default: SearchQuery.defaultTake)
            case "prerelease": prerelease = value.trimmedForSearch().lowercased() == "true"
            case "semverlevel": semVer2 = SearchQuery.isSemVer2Level(value)
            case "packagetype", "packagetypes", "packagetypefilter":
                let trimmed = value.trimmedForSearch()
                if packageType == nil, !trimmed.isEmpty { packageType = trimmed }
            default: continue
            }
        }
        self.init(
            q: q, skip: skip, take: take, includePrerelease: prerelease, includeSemVer2: semVer2,
            packageType: packageType
        )
    }

    /// Index of the filter combination (prerelease × SemVer level) the index precomputes.
    var filterCombination: Int { SearchQuery.filterCombination(prerelease: includePrerelease, semVer2: includeSemVer2) }

    static func filterCombination(prerelease: Bool, semVer2: Bool) -> Int {
        (prerelease ? 1 : 0) | (semVer2 ? 2 : 0)
    }

    /// An absent or empty number takes its default; anything else must be a non-negative integer.
    static func wholeNumber(_ value: String, parameter: String, default fallback: Int) throws(SearchQueryError) -> Int {
        let trimmed = value.trimmedForSearch()
        if trimmed.isEmpty { return fallback }
        guard let number = Int(trimmed) else {
            // Digits too long for Int are still a whole number: treat as "very large" and cap.
            if trimmed.allSatisfy(\.isSearchASCIIDigit) { return Int.max }
            throw .notAWholeNumber(parameter: parameter, value: trimmed)
        }
        guard number >= 0 else { throw .negative(parameter: parameter) }
        return number
    }

    /// nuget.org parses `semVerLevel` as a version: 2.0.0 or above includes SemVer2 packages;
    /// anything else (absent, `1.0.0`, garbage) means SemVer 1.
    static func isSemVer2Level(_ value: String) -> Bool {
        let major = value.trimmedForSearch().prefix { $0.isSearchASCIIDigit }
        guard !major.isEmpty else { return false }
        return (Int(major) ?? Int.max) >= 2
    }
}

extension Character {
    var isSearchASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    func trimmedForSearch() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}

/// The order of search results. NuGet's search service always ranks by relevance; the web gallery's
/// `/packages` also sorts the matches by downloads or by when their latest version was published.
public enum SearchOrder: String, Sendable, Equatable {
    /// Words matched, match levels, downloads, id (protocol §5).
    case relevance
    /// Total downloads, most first, then id.
    case downloads
    /// The latest version's publication, newest first, then id (descending, as the web gallery always did).
    case recentlyPublished
}
