/// The searchable tokens of the version a filter combination shows as latest.
///
/// Display metadata comes from the latest version too (nuget.org), so the record is kept.
/// The tokens are copied into the index's `TokenPool`, where queries read them.
final class PackageText: Sendable {
    /// The latest version's record: id casing, metadata, deprecation for the hit.
    let record: PackageVersionRecord
    /// Every token, field after field in `TextField` order.
    let tokens: [Int32]
    /// End offset in `tokens` of each `TextField`.
    let ends: [Int]

    init(record: PackageVersionRecord, vocabulary: inout SearchVocabulary) {
        self.record = Self.slimmed(record)
        let metadata = record.metadata
        // In `TextField` order; package types are whole lowercased names (filtered by equality).
        let fields = [
            SearchTokenizer.idTokens(record.id),
            SearchTokenizer.textTokens(metadata.title ?? ""),
            SearchTokenizer.textTokens(metadata.tags.joined(separator: " ")),
            SearchTokenizer.textTokens(metadata.description),
            SearchTokenizer.textTokens(metadata.summary ?? ""),
            SearchTokenizer.textTokens(metadata.authors),
            metadata.effectivePackageTypes.map { $0.lowercased() },
        ]
        var tokens: [Int32] = [], ends: [Int] = []
        for field in fields {
            tokens += vocabulary.intern(field)
            ends.append(tokens.count)
        }
        self.tokens = tokens
        self.ends = ends
    }

    /// Drops what search never shows (dependencies, frameworks, release notes), so 100k
    /// versions do not keep their dependency graphs in memory twice.
    private static func slimmed(_ record: PackageVersionRecord) -> PackageVersionRecord {
        var slim = record
        slim.metadata.dependencyGroups = []
        slim.metadata.supportedFrameworks = []
        slim.metadata.releaseNotes = nil
        return slim
    }
}

/// The token fields of a text, in ranking order: a word's first match in this order is its
/// best field (protocol §5: id > title/tags > description/summary/authors).
enum TextField: Int, CaseIterable {
    case id, title, tags, description, summary, authors
    /// Lowercased package type names; never matched by free words.
    case packageTypes

    /// The field a `field:value` filter looks in, if it is a token field.
    init?(_ field: SearchField) {
        switch field {
        case .title: self = .title
        case .tags: self = .tags
        case .description: self = .description
        case .summary: self = .summary
        case .author: self = .authors
        case .id, .packageID, .version, .owner: return nil
        }
    }
}
