import Foundation
import Gallery
import SQLKit

/// How a `PackageVersionRecord` maps to a `package_versions` row.
///
/// Scalar fields get their own columns (queries and indexes use them); the nuspec metadata
/// and the deprecation are JSON text, read and written only whole.
enum PackageVersionRow {
    /// The columns `decode` reads, for `SELECT \(columns) FROM package_versions`.
    static let columns = """
        id, version, normalized_version, verbatim_version, is_prerelease, is_semver2, listed, state, created, \
        published, last_edited, package_size, package_hash, downloads, metadata_json, deprecation_json, catalog_leaf_path
        """

    /// Inserts `record` with the given state and claim lease; with `ifAbsent`, a row already holding the key
    /// makes it insert nothing (`RETURNING lower_id` then returns no row) instead of failing.
    static func insert(_ record: PackageVersionRecord, state: VersionState, lease: ClaimLease? = nil, ifAbsent: Bool = false) throws -> SQLQueryString {
        let (metadata, deprecation) = try encodedJSON(record)
        let texts = try encodedTexts(record)
        var query: SQLQueryString = """
            INSERT INTO package_versions (
                lower_id, lower_version, id, version, normalized_version, verbatim_version, is_prerelease, is_semver2,
                listed, state, created, published, last_edited, package_size, package_hash, downloads,
                metadata_json, deprecation_json, catalog_leaf_path, claim_token, claim_expires, feed_texts
            ) VALUES (
                \(bind: record.lowerID), \(bind: record.lowerVersion), \(bind: record.id), \(bind: record.version),
                \(bind: record.normalizedVersion), \(bind: record.verbatimVersion), \(bind: record.isPrerelease),
                \(bind: record.isSemVer2), \(bind: record.listed), \(bind: state.rawValue),
                \(bind: StoreDate.microseconds(record.created)), \(bind: StoreDate.microseconds(record.published)),
                \(bind: record.lastEdited.map(StoreDate.microseconds)), \(bind: record.packageSize),
                \(bind: record.packageHash), \(bind: record.downloads), \(bind: metadata), \(bind: deprecation),
                \(bind: record.catalogLeafPath), \(bind: lease?.token), \(bind: lease.map { StoreDate.microseconds($0.expires) }),
                \(bind: texts)
            )
            """
        if ifAbsent {
            query += " ON CONFLICT (lower_id, lower_version) DO NOTHING RETURNING lower_id"
        }
        return query
    }

    /// Rewrites a pending row whose lease expired at or before `now` with `record` and the new `lease`
    /// (`RETURNING lower_id` returns no row when the claim is not stale). A claim made before leases existed
    /// lapses `ClaimLease.legacyLength` after its creation.
    static func takeOver(_ record: PackageVersionRecord, lease: ClaimLease, now: Date) throws -> SQLQueryString {
        let (metadata, deprecation) = try encodedJSON(record)
        let texts = try encodedTexts(record)
        return """
            UPDATE package_versions SET
                id = \(bind: record.id), version = \(bind: record.version), normalized_version = \(bind: record.normalizedVersion),
                verbatim_version = \(bind: record.verbatimVersion), is_prerelease = \(bind: record.isPrerelease),
                is_semver2 = \(bind: record.isSemVer2), listed = \(bind: record.listed),
                created = \(bind: StoreDate.microseconds(record.created)), published = \(bind: StoreDate.microseconds(record.published)),
                last_edited = \(bind: record.lastEdited.map(StoreDate.microseconds)), package_size = \(bind: record.packageSize),
                package_hash = \(bind: record.packageHash), downloads = \(bind: record.downloads), metadata_json = \(bind: metadata),
                deprecation_json = \(bind: deprecation), catalog_leaf_path = \(bind: record.catalogLeafPath),
                feed_texts = \(bind: texts), claim_token = \(bind: lease.token), claim_expires = \(bind: StoreDate.microseconds(lease.expires))
            WHERE lower_id = \(bind: record.lowerID) AND lower_version = \(bind: record.lowerVersion) AND state = 'pending'
                AND COALESCE(claim_expires, created + \(bind: legacyLeaseMicroseconds)) <= \(bind: StoreDate.microseconds(now))
            RETURNING lower_id
            """
    }

    /// `ClaimLease.legacyLength` in the stored unit.
    static let legacyLeaseMicroseconds = Int64(ClaimLease.legacyLength * 1_000_000)

    static func encodedJSON(_ record: PackageVersionRecord) throws -> (metadata: String, deprecation: String?) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let metadata = String(decoding: try encoder.encode(record.metadata), as: UTF8.self)
        let deprecation = try record.deprecation.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return (metadata, deprecation)
    }

    /// The `feed_texts` column of a record (schema step 12): its `StoredVersionTexts` as sorted-key JSON.
    static func encodedTexts(_ record: PackageVersionRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(StoredVersionTexts(record.metadata)), as: UTF8.self)
    }

    /// One row selected with `columns`, its metadata and deprecation still JSON.
    struct Raw: Sendable {
        var id, version, normalizedVersion, verbatimVersion: String
        var isPrerelease, isSemVer2, listed: Bool
        var state: String
        var created, published: Int64
        var lastEdited: Int64?
        var packageSize: Int64
        var packageHash: String
        var downloads: Int64
        var metadata: String
        var deprecation, catalogLeafPath: String?

        /// Reads one row selected with `columns` through SQLKit (by column name).
        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            version = try row.decode(column: "version", as: String.self)
            normalizedVersion = try row.decode(column: "normalized_version", as: String.self)
            verbatimVersion = try row.decode(column: "verbatim_version", as: String.self)
            isPrerelease = try row.decode(column: "is_prerelease", as: Bool.self)
            isSemVer2 = try row.decode(column: "is_semver2", as: Bool.self)
            listed = try row.decode(column: "listed", as: Bool.self)
            state = try row.decode(column: "state", as: String.self)
            created = try row.decode(column: "created", as: Int64.self)
            published = try row.decode(column: "published", as: Int64.self)
            lastEdited = try row.decodeNil(column: "last_edited") ? nil : try row.decode(column: "last_edited", as: Int64.self)
            packageSize = try row.decode(column: "package_size", as: Int64.self)
            packageHash = try row.decode(column: "package_hash", as: String.self)
            downloads = try row.decode(column: "downloads", as: Int64.self)
            metadata = try row.decode(column: "metadata_json", as: String.self)
            deprecation = try row.decodeNil(column: "deprecation_json") ? nil : try row.decode(column: "deprecation_json", as: String.self)
            catalogLeafPath = try row.decodeNil(column: "catalog_leaf_path") ? nil : try row.decode(column: "catalog_leaf_path", as: String.self)
        }

        init(
            id: String, version: String, normalizedVersion: String, verbatimVersion: String, isPrerelease: Bool, isSemVer2: Bool,
            listed: Bool, state: String, created: Int64, published: Int64, lastEdited: Int64?, packageSize: Int64,
            packageHash: String, downloads: Int64, metadata: String, deprecation: String?, catalogLeafPath: String?
        ) {
            self.id = id
            self.version = version
            self.normalizedVersion = normalizedVersion
            self.verbatimVersion = verbatimVersion
            self.isPrerelease = isPrerelease
            self.isSemVer2 = isSemVer2
            self.listed = listed
            self.state = state
            self.created = created
            self.published = published
            self.lastEdited = lastEdited
            self.packageSize = packageSize
            self.packageHash = packageHash
            self.downloads = downloads
            self.metadata = metadata
            self.deprecation = deprecation
            self.catalogLeafPath = catalogLeafPath
        }

        /// The record, its JSON decoded.
        func record(using decoder: JSONDecoder) throws -> PackageVersionRecord {
            guard let versionState = VersionState(rawValue: state) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Unknown version state \(state)."))
            }
            return PackageVersionRecord(
                id: id, version: version, normalizedVersion: normalizedVersion, verbatimVersion: verbatimVersion,
                isPrerelease: isPrerelease, isSemVer2: isSemVer2, listed: listed, state: versionState,
                created: StoreDate.date(created), published: StoreDate.date(published), lastEdited: lastEdited.map(StoreDate.date),
                packageSize: packageSize, packageHash: packageHash, downloads: downloads,
                metadata: try decoder.decode(PackageMetadata.self, from: Data(metadata.utf8)),
                deprecation: try deprecation.map { try decoder.decode(PackageDeprecation.self, from: Data($0.utf8)) },
                catalogLeafPath: catalogLeafPath
            )
        }
    }

    /// Reads one row selected with `columns`.
    static func decode(_ row: any SQLRow, using decoder: JSONDecoder) throws -> PackageVersionRecord {
        try Raw(row).record(using: decoder)
    }

    /// Reads every row of `query` (which selects `columns`); for the few rows of one package.
    static func all(_ query: SQLQueryString, in db: any SQLDatabase) async throws -> [PackageVersionRecord] {
        let decoder = JSONDecoder()
        return try await db.raw(query).all().map { try decode($0, using: decoder) }
    }

    /// Decodes many rows on all cores, keeping their order.
    ///
    /// Decoding the metadata JSON dominates reading many records (about 50 µs a row in a debug build), so large
    /// results are fetched under the connection lock and decoded after it, in parallel.
    static func decodeConcurrently(_ rows: [any SQLRow]) async throws -> [PackageVersionRecord] {
        try await concurrently(rows) { row, decoder in try decode(row, using: decoder) }
    }

    /// Decodes rows read by position (PostgreSQL) on all cores, keeping their order.
    static func decodeConcurrently(_ rows: [Raw]) async throws -> [PackageVersionRecord] {
        try await concurrently(rows) { row, decoder in try row.record(using: decoder) }
    }

    private static func concurrently<Row: Sendable>(
        _ rows: [Row], _ decode: @escaping @Sendable (Row, JSONDecoder) throws -> PackageVersionRecord
    ) async throws -> [PackageVersionRecord] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard rows.count >= 2_000, workers > 1 else {
            let decoder = JSONDecoder()
            return try rows.map { try decode($0, decoder) }
        }
        let chunkSize = (rows.count + workers - 1) / workers
        let chunks = try await withThrowingTaskGroup(of: (Int, [PackageVersionRecord]).self) { group in
            for (index, start) in stride(from: 0, to: rows.count, by: chunkSize).enumerated() {
                let slice = Array(rows[start..<min(start + chunkSize, rows.count)])
                group.addTask {
                    let decoder = JSONDecoder()
                    return (index, try slice.map { try decode($0, decoder) })
                }
            }
            return try await group.reduce(into: [Int: [PackageVersionRecord]]()) { $0[$1.0] = $1.1 }
        }
        return chunks.keys.sorted().flatMap { chunks[$0]! }
    }
}
