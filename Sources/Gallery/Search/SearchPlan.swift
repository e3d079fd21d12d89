/// A query compiled against the current vocabulary: every word already resolved to the set
/// of token numbers it matches, so testing a package costs only bit look-ups and short
/// byte comparisons.
struct SearchPlan {
    /// A word or phrase that ranks packages.
    struct Term {
        /// The term lowercased, for exact-id and id-prefix comparisons.
        let lower: [UInt8]
        /// One token set per word of the term (`Newtonsoft.Json` has two).
        let words: [TokenSet]
    }

    let combination: Int
    /// Free words: a package must match at least one (OR), more matches rank higher.
    let terms: [Term]
    /// Values of `id:`/`packageid:`: they filter, and also rank (exact id first).
    let idTerms: [Term]
    let idSubstrings: [[UInt8]]
    let exactLowerIDs: [[UInt8]]
    let lowerOwners: [String]
    let lowerVersions: [String]
    let fieldWords: [(field: TextField, words: [TokenSet])]
    /// The vocabulary number of the requested package type.
    let packageType: Int32?

    /// Nil when the query can match nothing: an unparseable `version:`, a field value
    /// without any word, a package type no package has.
    init?(_ query: SearchQuery, vocabulary: SearchVocabulary) {
        func term(_ text: String) -> Term {
            let lower = text.lowercased()
            return Term(lower: Array(lower.utf8), words: SearchTokenizer.words(lower).map { vocabulary.tokens(withPrefix: $0) })
        }
        var idTerms: [Term] = [], idSubstrings: [[UInt8]] = [], exact: [[UInt8]] = []
        var owners: [String] = [], versions: [String] = []
        var fieldWords: [(field: TextField, words: [TokenSet])] = []
        for filter in query.filters {
            let lower = filter.value.lowercased()
            switch filter.field {
            case .id:
                idSubstrings.append(Array(lower.utf8))
                idTerms.append(term(lower))
            case .packageID:
                exact.append(Array(lower.utf8))
                idTerms.append(term(lower))
            case .owner:
                owners.append(lower)
            case .version:
                guard let normalized = SearchVersionOrder.lowerNormalized(filter.value) else { return nil }
                versions.append(normalized)
            case .title, .tags, .author, .description, .summary:
                let words = SearchTokenizer.words(lower)
                guard !words.isEmpty, let field = TextField(filter.field) else { return nil }
                fieldWords.append((field, words.map { vocabulary.tokens(withPrefix: $0) }))
            }
        }
        if let type = query.packageType {
            guard let number = vocabulary.number(of: type.lowercased()) else { return nil }
            self.packageType = number
        } else {
            self.packageType = nil
        }
        self.combination = query.filterCombination
        self.terms = query.terms.map(term)
        self.idTerms = idTerms
        self.idSubstrings = idSubstrings
        self.exactLowerIDs = exact
        self.lowerOwners = owners
        self.lowerVersions = versions
        self.fieldWords = fieldWords
    }

    /// No filter and no `id:`/`packageid:` term: only the free terms decide, and every row they match is in.
    var onlyTerms: Bool {
        packageType == nil && idTerms.isEmpty && idSubstrings.isEmpty && exactLowerIDs.isEmpty && lowerOwners.isEmpty
            && lowerVersions.isEmpty && fieldWords.isEmpty
    }

    /// Whether every filter (`field:value`, package type) holds for this row.
    func accepts(_ row: ScanRow, _ text: TextRow, slot: Int, in scan: SearchScan, _ state: SearchIndexState) -> Bool {
        if let packageType, !scan.contains(packageType, .packageTypes, in: text) { return false }
        for exact in exactLowerIDs where !scan.idEquals(row, exact) { return false }
        for needle in idSubstrings where !scan.idContains(row, needle) { return false }
        for (field, words) in fieldWords {
            for word in words where !scan.matches(word, field, in: text) { return false }
        }
        if lowerOwners.isEmpty, lowerVersions.isEmpty { return true }
        // Rare filters read the package object (a pointer per package is fine here).
        guard let package = state.packages[slot] else { return false }
        for owner in lowerOwners where !package.lowerOwners.contains(owner) { return false }
        let prerelease = combination & 1 != 0, semVer2 = combination & 2 != 0
        for wanted in lowerVersions {
            guard package.versions.contains(where: { $0.lowerVersion == wanted && $0.isVisible(prerelease: prerelease, semVer2: semVer2) })
            else { return false }
        }
        return true
    }

    /// How well a term matches: 5 exact id, 4 id prefix, then the weakest of its words' best
    /// fields (3 id token, 2 title or tags, 1 description, summary or authors), 0 when a word
    /// matches nowhere (the ranking of protocol §5).
    static func level(of term: Term, _ row: ScanRow, _ text: TextRow, in scan: SearchScan) -> Int {
        if scan.idStarts(row, with: term.lower) { return Int(row.idCount) == term.lower.count ? 5 : 4 }
        guard !term.words.isEmpty else { return 0 }
        var level = 3
        for word in term.words {
            level = min(level, scan.level(of: word, in: text))
            if level == 0 { break }
        }
        return level
    }
}
