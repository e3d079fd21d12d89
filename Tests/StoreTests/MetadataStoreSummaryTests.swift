import Foundation
import Gallery
import GalleryTestSupport
import SQLKit
import SQLiteKit
@testable import SQLStore
import Testing

/// Start-up reads version summaries (`versionSummaries(afterLowerID:idLimit:)`: no metadata JSON decoded) and the
/// records of a few versions by key (`versions(_:)`); the V2 view renders its pages from the latter.
@Suite("MetadataStore contract: version summaries and records by key")
struct MetadataStoreSummaryTests {
    /// Versions of three ids with texts that repeat, change and come back, in every listing state.
    static func publishCorpus(_ store: any MetadataStore) async throws -> [PackageVersionRecord] {
        var published: [PackageVersionRecord] = []
        let texts: [(String, String, String?, [String], String?)] = [
            // id, version, title, tags, summary
            ("Contoso.Utils", "1.0.0", "Utils", ["utils", "contoso"], nil),
            ("Contoso.Utils", "1.1.0", "Utils", ["utils", "contoso"], nil),
            ("Contoso.Utils", "2.0.0-beta", "Utils \"2\" \\ ünï 🚀", [], "A summary."),
            ("Contoso.Utils", "2.0.0", "Utils", ["utils", "contoso"], nil),
            ("a", "1.0.0", nil, [""], ""),
            ("Fabrikam.Lib", "3.0.0+build.7", "Lib", ["x"], nil),
        ]
        for (id, version, title, tags, summary) in texts {
            var record = Fixture.record(id, version)
            record.metadata.title = title
            record.metadata.tags = tags
            record.metadata.summary = summary
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
            published.append(record)
        }
        _ = try await store.setListed(false, published[1].key, at: Fixture.later(5)) { Fixture.entry($0) }
        _ = try await store.setDeprecation(
            DeprecationChange(deprecation: PackageDeprecation(reasons: ["Legacy"])), keys: [published[0].key], at: Fixture.later(6),
            audit: []) { Fixture.entry($0) }
        _ = try await store.claimVersion(Fixture.record("Pending.Only", "1.0.0"), owner: nil)
        _ = try await store.claimVersion(Fixture.record("Contoso.Utils", "3.0.0"), owner: nil)
        return published
    }

    /// Every summary page of `store`, as start-up reads them.
    static func allSummaries(_ store: any MetadataStore, idLimit: Int = 2) async throws -> [[VersionSummary]] {
        var pages: [[VersionSummary]] = [], after: String?
        while true {
            let page = try await store.versionSummaries(afterLowerID: after, idLimit: idLimit)
            guard let last = page.last else { return pages }
            pages.append(page)
            after = last.lowerID
        }
    }

    @Test("summaries page by id like availableVersions and hold what the records say", arguments: StoreKind.available)
    func summariesAgreeWithRecords(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            _ = try await Self.publishCorpus(store)
            let pages = try await Self.allSummaries(store)
            #expect(pages.map { Set($0.map(\.lowerID)).count } == [2, 1])
            let summaries = pages.flatMap { $0 }
            #expect(summaries.map { [$0.lowerID, $0.lowerVersion] } == summaries.map { [$0.lowerID, $0.lowerVersion] }.sorted { $0.lexicographicallyPrecedes($1) })
            let records = try await store.allAvailableVersions().sorted { ($0.lowerID, $0.lowerVersion) < ($1.lowerID, $1.lowerVersion) }
            #expect(summaries == records.map { VersionSummary($0) })
            #expect(summaries.filter(\.isDeprecated).map(\.version) == ["1.0.0"])
            #expect(summaries.filter { !$0.listed }.map(\.version) == ["1.1.0"])
            // Equal texts of neighbouring versions of an id are one object.
            let utils = summaries.filter { $0.lowerID == "contoso.utils" }.map(\.texts)
            #expect(utils.map(\.title) == ["Utils", "Utils", "Utils", "Utils \"2\" \\ ünï 🚀"])
            #expect(utils[0] === utils[1] && utils[1] === utils[2])
        }
    }

    @Test("records by key: any state, unknown keys left out, more keys than one statement binds", arguments: StoreKind.available)
    func recordsByKey(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let published = try await Self.publishCorpus(store)
            _ = try await store.deleteVersion(published[5].key, at: Fixture.later(9), catalogEntry: Fixture.entry(published[5]), audit: [])
            let pending = Fixture.record("Pending.Only", "1.0.0").key
            let unknown = (0..<900).map { PackageVersionKey(lowerID: "nobody.\($0)", lowerVersion: "1.0.0") }
            let keys = unknown[..<450] + [published[0].key, published[5].key, pending] + unknown[450...]
            let records = try await store.versions(Array(keys)).sorted { ($0.lowerID, $0.lowerVersion) < ($1.lowerID, $1.lowerVersion) }
            #expect(records.map(\.key) == [published[0].key, published[5].key, pending])
            #expect(records.map(\.state) == [.available, .deleted, .pending])
            #expect(records[0] == (try await store.version(published[0].key)))
            #expect(try await store.versions([]).isEmpty)
        }
    }
}

/// SQL stores keep the V2 texts in `feed_texts` (schema step 12); rows without them are summarized from their metadata.
@Suite("SQL metadata store: version texts apart from the metadata (schema step 12)")
struct SQLVersionTextsTests {
    /// Runs `statement` through a second connection (an older Pallet, or the step's own backfill).
    static func run(_ statement: String, at database: TestDatabase) async throws {
        let query = SQLQueryString(statement)
        if database.kind == .postgres {
            try await PostgresTestServer.withAdminConnection(url: database.postgresURL) { try await $0.raw(query).run() }
            return
        }
        let connection = try await SQLiteConnection.open(storage: .file(path: database.sqlitePath))
        do {
            try await connection.sql().raw(query).run()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The `feed_texts` of every row, by key, through a second connection.
    static func storedTexts(at database: TestDatabase, _ store: SQLMetadataStore) async throws -> [String: String?] {
        try await store.read { db in
            var out: [String: String?] = [:]
            for row in try await db.raw("SELECT lower_id, lower_version, feed_texts FROM package_versions").all() {
                let key = try row.decode(column: "lower_id", as: String.self) + " " + row.decode(column: "lower_version", as: String.self)
                out[key] = try row.decodeNil(column: "feed_texts") ? nil : try row.decode(column: "feed_texts", as: String.self)
            }
            return out
        }
    }

    @Test("rows an older Pallet wrote are summarized from their metadata; the backfill writes the texts every write does",
          arguments: StoreKind.sqlAvailable)
    func backfill(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in
            _ = try await MetadataStoreSummaryTests.publishCorpus(store)
            // An escaped NUL, which PostgreSQL's jsonb refuses: the backfill leaves that row to the metadata path.
            var nul = Fixture.record("Nul.Text", "1.0.0")
            nul.metadata.description = "before\u{0}after"
            _ = try await store.claimVersion(nul, owner: nil)
            try await store.publishClaim(nul.key, catalogEntry: Fixture.entry(nul))
            let expected = try await MetadataStoreSummaryTests.allSummaries(store).flatMap { $0 }
            let written = try await Self.storedTexts(at: database, store)
            #expect(written.values.allSatisfy { $0 != nil })

            try await Self.run("UPDATE package_versions SET feed_texts = NULL", at: database)
            #expect(try await MetadataStoreSummaryTests.allSummaries(store).flatMap { $0 } == expected)

            try await Self.run(store.dialect.versionTextsBackfill, at: database)
            let backfilled = try await Self.storedTexts(at: database, store)
            #expect(backfilled["nul.text 1.0.0"] == .some(nil))
            let decoder = JSONDecoder()
            for (key, json) in written where key != "nul.text 1.0.0" {
                let stored = try #require(backfilled[key] ?? nil, "\(key) backfilled")
                #expect(try decoder.decode(StoredVersionTexts.self, from: Data(stored.utf8))
                    == decoder.decode(StoredVersionTexts.self, from: Data(try #require(json).utf8)), "\(key)")
            }
            #expect(try await MetadataStoreSummaryTests.allSummaries(store).flatMap { $0 } == expected)

            // Texts that do not decode are taken from the whole record.
            try await Self.run("UPDATE package_versions SET feed_texts = 'not json' WHERE lower_id = 'a'", at: database)
            #expect(try await MetadataStoreSummaryTests.allSummaries(store).flatMap { $0 } == expected)
        }
    }
}

/// Start-up finds each page's last id through a partial index of the ids with available versions (schema step 14).
@Suite("SQL metadata store: ids with available versions (schema step 14)")
struct SQLAvailableIDsTests {
    @Test("the index exists, and pages of one id skip an id whose only version is pending until it is published",
          arguments: StoreKind.sqlAvailable)
    func pages(kind: StoreKind) async throws {
        try await withSQLStore(kind) { store, database in
            let indexes = try await store.read { db in
                let sql: SQLQueryString = database.kind == .postgres
                    ? "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'package_versions'"
                    : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'package_versions'"
                return try await db.raw(sql).all().map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(indexes.contains("package_versions_available_ids"))

            _ = try await MetadataStoreSummaryTests.publishCorpus(store)
            let pages = try await MetadataStoreSummaryTests.allSummaries(store, idLimit: 1)
            #expect(pages.map { Set($0.map(\.lowerID)) } == [["a"], ["contoso.utils"], ["fabrikam.lib"]])
            try await store.publishClaim(Fixture.record("Pending.Only", "1.0.0").key, catalogEntry: Fixture.entry(Fixture.record("Pending.Only", "1.0.0")))
            let later = try await MetadataStoreSummaryTests.allSummaries(store, idLimit: 1)
            #expect(later.map { Set($0.map(\.lowerID)) } == [["a"], ["contoso.utils"], ["fabrikam.lib"], ["pending.only"]])
        }
    }
}
