public import Foundation

/// What the in-memory views (the V2 feed and search) keep of one available version: every plain column of its
/// row and the texts V2 filters and searches on, but not the rest of its nuspec metadata.
///
/// Start-up reads these for every version (`PackageVersionStore.versionSummaries`) instead of decoding every
/// version's metadata JSON; a full `PackageVersionRecord` is read from the store only where one is shown
/// (a V2 page, the latest version search displays, a package page).
public struct VersionSummary: Sendable, Equatable {
    /// `full(v)`.
    public var version: String
    /// `norm(v)`.
    public var normalizedVersion: String
    /// The version as authored in the nuspec.
    public var verbatimVersion: String
    public var isPrerelease: Bool
    public var isSemVer2: Bool
    public var listed: Bool
    /// The version carries a deprecation (its details stay in the record).
    public var isDeprecated: Bool
    public var created: Date
    public var published: Date
    public var lastEdited: Date?
    public var packageSize: Int64
    /// Downloads as stored (the views add live counts on top).
    public var downloads: Int64
    /// The id's casing and the texts of this version, shared with the id's other versions that have the same.
    public var texts: VersionTexts

    /// Creates a summary; see the properties for meanings.
    public init(
        version: String, normalizedVersion: String, verbatimVersion: String, isPrerelease: Bool, isSemVer2: Bool,
        listed: Bool, isDeprecated: Bool, created: Date, published: Date, lastEdited: Date?, packageSize: Int64,
        downloads: Int64, texts: VersionTexts
    ) {
        self.version = version
        self.normalizedVersion = normalizedVersion
        self.verbatimVersion = verbatimVersion
        self.isPrerelease = isPrerelease
        self.isSemVer2 = isSemVer2
        self.listed = listed
        self.isDeprecated = isDeprecated
        self.created = created
        self.published = published
        self.lastEdited = lastEdited
        self.packageSize = packageSize
        self.downloads = downloads
        self.texts = texts
    }

    /// The summary of a record; `texts` is reused when it holds the record's texts (so versions share one).
    public init(_ record: PackageVersionRecord, sharing texts: VersionTexts? = nil) {
        let own = texts.flatMap { $0.matches(record) ? $0 : nil } ?? VersionTexts(record)
        self.init(
            version: record.version, normalizedVersion: record.normalizedVersion, verbatimVersion: record.verbatimVersion,
            isPrerelease: record.isPrerelease, isSemVer2: record.isSemVer2, listed: record.listed,
            isDeprecated: record.deprecation != nil, created: record.created, published: record.published,
            lastEdited: record.lastEdited, packageSize: record.packageSize, downloads: record.downloads, texts: own
        )
    }

    /// The package id as written in this version's nuspec.
    public var id: String { texts.id }
    /// `lower(id)`.
    public var lowerID: String { texts.lowerID }
    /// `lower(norm(v))`.
    public var lowerVersion: String { normalizedVersion.lowercased() }
    /// The key of this version in stores and caches.
    public var key: PackageVersionKey { PackageVersionKey(lowerID: lowerID, lowerVersion: lowerVersion) }
}

/// The id's casing and the texts of a version that the V2 feed filters, orders and searches on (`Id`, `Title`,
/// `Tags`, `Summary`, `Description`, `Authors`), with their lowercased forms for V2 `Search()`.
///
/// Immutable and a class: the versions of an id mostly have the same texts, and one instance serves them all.
public final class VersionTexts: Sendable, Equatable {
    public let id: String
    /// `lower(id)`.
    public let lowerID: String
    public let title: String?
    public let tags: [String]
    public let summary: String?
    public let description: String
    /// Comma-separated, as in the nuspec.
    public let authors: String
    /// Lowercased id, title, tags (joined by spaces), summary, description and authors: what a V2 search word
    /// may match, computed once, so a search request only scans.
    public let searchFields: [String]

    /// Creates texts; see the properties for meanings.
    public init(id: String, title: String?, tags: [String], summary: String?, description: String, authors: String) {
        self.id = id
        self.lowerID = id.lowercased()
        self.title = title
        self.tags = tags
        self.summary = summary
        self.description = description
        self.authors = authors
        searchFields = [id, title ?? "", tags.joined(separator: " "), summary ?? "", description, authors].map { $0.lowercased() }
    }

    /// The texts of a record.
    public convenience init(_ record: PackageVersionRecord) {
        let m = record.metadata
        self.init(id: record.id, title: m.title, tags: m.tags, summary: m.summary, description: m.description, authors: m.authors)
    }

    /// Whether these are the record's texts.
    public func matches(_ record: PackageVersionRecord) -> Bool {
        let m = record.metadata
        return id == record.id && title == m.title && tags == m.tags && summary == m.summary && description == m.description
            && authors == m.authors
    }

    /// This instance when `other` holds the same texts, so consecutive equal texts share one object.
    public func sharing(_ other: VersionTexts?) -> VersionTexts {
        guard let other, other == self else { return self }
        return other
    }

    /// Whether a lowercased V2 search word occurs in one of the fields.
    public func contains(_ word: String) -> Bool { searchFields.contains { $0.contains(word) } }

    public static func == (a: VersionTexts, b: VersionTexts) -> Bool {
        a === b || (a.id == b.id && a.title == b.title && a.tags == b.tags && a.summary == b.summary
            && a.description == b.description && a.authors == b.authors)
    }
}

/// The texts of a version as the `feed_texts` column of a SQL store holds them: the metadata JSON's own keys
/// (`authors`, `description`, `summary`, `tags`, `title`), so a schema step can copy them out of `metadata_json`.
public struct StoredVersionTexts: Codable, Sendable, Equatable {
    public var title: String?
    public var authors: String
    public var description: String
    public var summary: String?
    public var tags: [String]

    /// The stored texts of a record.
    public init(_ metadata: PackageMetadata) {
        title = metadata.title
        authors = metadata.authors
        description = metadata.description
        summary = metadata.summary
        tags = metadata.tags
    }

    /// The texts with the id's casing.
    public func texts(id: String) -> VersionTexts {
        VersionTexts(id: id, title: title, tags: tags, summary: summary, description: description, authors: authors)
    }
}
