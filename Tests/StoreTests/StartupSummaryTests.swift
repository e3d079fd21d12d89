import Foundation
@testable import Gallery
import GalleryTestSupport
import Logging
import NIOCore
@testable import SQLStore
import Testing

/// Start-up's summaries over a corpus with many versions per id, casing and texts that change between versions, every
/// listing state, hard deletes and claims, read in pages of a few ids: on PostgreSQL one row per id
/// (`SummaryAggregate`), on SQLite one row per version, in memory from the records.
@Suite("MetadataStore contract: start-up summaries of a large corpus")
struct StartupSummaryTests {
    /// Texts that a length-prefixed or separated format could trip on: its own separators, digits, control
    /// characters, a NUL, multi-byte UTF-8.
    static let awkward = "12:34,5:\n\u{1e}\u{1f},,:: before\u{0}after ü 🚀 -7,"

    /// Writes the corpus; returns the keys of the versions it hard-deleted. The same calls on any store leave the
    /// same rows.
    @discardableResult
    static func publish(_ store: any MetadataStore) async throws -> [PackageVersionKey] {
        func push(_ record: PackageVersionRecord) async throws {
            _ = try await store.claimVersion(record, owner: nil)
            try await store.publishClaim(record.key, catalogEntry: Fixture.entry(record))
        }
        // 60 versions of one id: texts change every 7 versions, the casing for five of them, prereleases at the end.
        var many: [PackageVersionRecord] = []
        for n in 0..<60 {
            // Three digits each, so the database's order of lower versions is the order of n.
            let version = n < 50 ? "1.0.\(100 + n)" : "2.0.0-beta.\(n - 40)"
            var record = Fixture.record(n >= 20 && n < 25 ? "MANY.versions" : "Many.Versions", version,
                                        created: Fixture.later(Double(n)))
            record.metadata.title = "Many \(n / 7)"
            record.metadata.description = n % 30 == 29 ? Self.awkward : "Version group \(n / 7)."
            record.metadata.tags = n / 7 == 3 ? [] : ["many", "g\(n / 7)"]
            record.metadata.summary = n / 7 == 5 ? Self.awkward : nil
            record.downloads = Int64(n * 3)
            try await push(record)
            many.append(record)
        }
        for n in stride(from: 0, to: 60, by: 13) {
            _ = try await store.setListed(false, many[n].key, at: Fixture.later(500 + Double(n))) { Fixture.entry($0) }
        }
        _ = try await store.setDeprecation(
            DeprecationChange(deprecation: PackageDeprecation(reasons: ["Legacy"])),
            keys: stride(from: 0, to: 60, by: 17).map { many[$0].key }, at: Fixture.later(700), audit: []) { Fixture.entry($0) }
        var deleted: [PackageVersionKey] = []
        for n in [1, 32, 59] {
            _ = try await store.deleteVersion(many[n].key, at: Fixture.later(800), catalogEntry: Fixture.entry(many[n]), audit: [])
            deleted.append(many[n].key)
        }
        _ = try await store.claimVersion(Fixture.record("Many.Versions", "9.0.0"), owner: nil)

        // Twelve small ids around it, so pages of a few ids cross several boundaries.
        for n in 0..<12 {
            let id = String(format: "Page.%02d", n)
            for v in 0..<(n % 4 + 1) {
                var record = Fixture.record(id, n % 3 == 0 ? "1.\(v).0-rc.1" : "1.\(v).0\(n % 5 == 0 ? "+build.\(v)" : "")")
                record.metadata.title = n % 2 == 0 ? nil : "Page \(n)"
                record.metadata.description = v == 1 ? Self.awkward : "Page \(n), a package for paging."
                try await push(record)
            }
        }
        _ = try await store.setListed(false, Fixture.record("Page.07", "1.0.0").key, at: Fixture.later(900)) { Fixture.entry($0) }
        // Ids with nothing available: every version deleted, or only a claim.
        let gone = Fixture.record("Deleted.All", "1.0.0")
        try await push(gone)
        _ = try await store.deleteVersion(gone.key, at: Fixture.later(901), catalogEntry: Fixture.entry(gone), audit: [])
        deleted.append(gone.key)
        _ = try await store.claimVersion(Fixture.record("Pending.Only", "1.0.0"), owner: nil)
        return deleted
    }

    @Test("every page size reads every available version as its record says, equal neighbouring texts shared",
          arguments: StoreKind.available)
    func summariesOfLargeCorpus(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let deleted = try await Self.publish(store)
            let records = try await store.allAvailableVersions().sorted { ($0.lowerID, $0.lowerVersion) < ($1.lowerID, $1.lowerVersion) }
            #expect(records.count == 57 + 30)
            #expect(records.allSatisfy { !deleted.contains($0.key) })
            for idLimit in [1, 4, 2_000] {
                let pages = try await MetadataStoreSummaryTests.allSummaries(store, idLimit: idLimit)
                #expect(pages.count == (13 + idLimit - 1) / idLimit, "idLimit \(idLimit)")
                let summaries = pages.flatMap { $0 }
                #expect(summaries == records.map { VersionSummary($0) }, "idLimit \(idLimit)")
                let many = summaries.filter { $0.lowerID == "many.versions" }
                // Versions 2-6 (group 0 after the deleted 1.0.1) hold one texts object; the casing change starts another.
                #expect(many[1].texts === many[5].texts)
                #expect(many.map(\.id).filter { $0 == "MANY.versions" }.count == 5)
                #expect(Set(many.map { ObjectIdentifier($0.texts) }).count < many.count / 3)
            }
        }
    }

    @Test("a start-up from the store builds the search index and the V2 view a start-up from the in-memory twin builds",
          arguments: StoreKind.sqlAvailable)
    func startupMatchesInMemoryTwin(kind: StoreKind) async throws {
        try await withStore(kind) { store, _ in
            let twin = InMemoryMetadataStore(clock: TestClock())
            try await Self.publish(store)
            try await Self.publish(twin)
            let fromStore = try await Self.loaded(store, pageIDs: 3)
            let fromTwin = try await Self.loaded(twin, pageIDs: 2_000)
            let queries = [
                SearchQuery(), SearchQuery(includePrerelease: true, includeSemVer2: true), SearchQuery(q: "many"),
                SearchQuery(q: "page", take: 50, includePrerelease: true), SearchQuery(q: "packageid:Many.Versions", includeSemVer2: true),
                SearchQuery(q: "after", includePrerelease: true, includeSemVer2: true), SearchQuery(q: "g5 legacy", includePrerelease: true),
            ]
            for query in queries {
                #expect(fromStore.search.search(query) == fromTwin.search.search(query), "\(query.text)")
            }
            for prerelease in [false, true] {
                for semVer2 in [false, true] {
                    #expect(fromStore.search.autocompleteVersions(id: "many.versions", prerelease: prerelease, semVer2: semVer2)
                        == fromTwin.search.autocompleteVersions(id: "many.versions", prerelease: prerelease, semVer2: semVer2))
                }
            }
            #expect(fromStore.search.autocompleteVersions(id: "many.versions", prerelease: true, semVer2: true).count >= 52)
            let (a, b) = (fromTwin.feed.snapshot(), fromStore.feed.snapshot())
            #expect(b.lowerIDs == a.lowerIDs)
            #expect(a.lowerIDs.count == 13)
            for lowerID in a.lowerIDs {
                #expect(b.packages[lowerID]?.versions == a.packages[lowerID]?.versions, "\(lowerID)")
            }
        }
    }

    /// A gallery on `store` whose views were loaded as `start()` loads them, `pageIDs` ids a page.
    static func loaded(_ store: any MetadataStore, pageIDs: Int) async throws -> PackageGallery {
        var logger = Logger(label: "pallet.startup-tests")
        logger.logLevel = .critical
        let gallery = try await PackageGallery.open(
            store: store, blobs: InMemoryBlobStore(), urls: FeedURLs(base: "http://pallet.test"), clock: TestClock(), logger: logger)
        _ = try await gallery.loadIndexes(pageIDs: pageIDs)
        return gallery
    }
}

/// The aggregated text's reader alone: what PostgreSQL's `concat` writes, and what it never should.
@Suite("SQL metadata store: reading aggregated summaries")
struct SummaryAggregateTests {
    static func read(_ text: String, lowerID: String = "contoso.utils") throws -> [VersionSummary] {
        var reader = SummaryReader()
        try SummaryAggregate.read(ByteBuffer(string: text), lowerID: lowerID, into: &reader)
        return reader.summaries
    }

    @Test("repeated texts are decoded once, per casing; numbers may be negative; lengths count UTF-8 bytes")
    func reads() throws {
        let texts = #"{"title":"a:1,","authors":"ü🚀","description":"d","tags":["x"]}"#
        let other = #"{"title":"b","authors":"ü🚀","description":"d","tags":[]}"#
        func version(_ id: String, _ version: String, _ rest: String, _ texts: String) -> String {
            "\(id.utf8.count):\(id)\(version.utf8.count):\(version)\(rest)\(texts.utf8.count):\(texts):"
        }
        let text = version("Contoso.Utils", "1.0.0", "::7,1000,2000,,42,3,", texts)
            + version("Contoso.Utils", "1.1.0", ":7:1.1.0.06,-5,2000,3000,42,0,", texts)
            + version("Contoso.Utils", "1.2.0", "::4,1,2,,3,4,", other)
            + version("CONTOSO.Utils", "1.3.0", "::4,1,2,,3,4,", other)
        let summaries = try Self.read(text)
        #expect(summaries.map(\.id) == ["Contoso.Utils", "Contoso.Utils", "Contoso.Utils", "CONTOSO.Utils"])
        #expect(summaries.map(\.normalizedVersion) == ["1.0.0", "1.1.0", "1.2.0", "1.3.0"])
        #expect(summaries.map(\.verbatimVersion) == ["1.0.0", "1.1.0.0", "1.2.0", "1.3.0"])
        #expect(summaries[0].isPrerelease && summaries[0].isSemVer2 && summaries[0].listed && !summaries[0].isDeprecated)
        #expect(!summaries[1].isPrerelease && summaries[1].isSemVer2 && summaries[1].listed)
        #expect(summaries[0].lastEdited == nil && summaries[1].lastEdited == StoreDate.date(3000))
        #expect(summaries[1].created == StoreDate.date(-5))
        #expect(summaries[0].texts.title == "a:1," && summaries[0].texts.authors == "ü🚀")
        #expect(summaries[0].texts === summaries[1].texts)
        #expect(summaries[2].texts.title == "b" && summaries[2].texts !== summaries[1].texts)
        // Another casing: its own texts object, with that casing.
        #expect(summaries[3].texts !== summaries[2].texts && summaries[3].texts.id == "CONTOSO.Utils")
        #expect(try Self.read("").isEmpty)
    }

    @Test("a malformed text is an error, never a crash", arguments: [
        ":5:1.0.0::7,1,2,,3,4,::",              // no id
        "13:Contoso.Utils5:1.0.0::7,1,2,,3,4,:",  // ends inside a version
        "13:Contoso.Utils50:1.0.0",               // a string longer than the text
        "13:Contoso.Utils-5:1.0.0",               // a negative length
        "13:Contoso.Utils5:1.0.0::x,1,2,,3,4,::",  // not a number
        "13:Contoso.Utils5:1.0.0::7,1,2,,3,4",     // a number without its comma
        "13:Contoso.Utils5:1.0.0::7,-,2,,3,4,::",  // a sign alone
        "13:Contoso.Utils5:1.0.0::7,1234567890123456789012,2,,3,4,::",  // too many digits
    ])
    func malformed(text: String) {
        #expect(throws: SummaryAggregateError.self) { try Self.read(text) }
    }
}
