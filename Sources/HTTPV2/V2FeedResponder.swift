import Foundation
import Gallery
import Hummingbird
import HTTPTypes
import NIOCore

/// Applies `$filter`, `$orderby`, `$skiptoken`, `$skip`, `$top` and server paging to a V2 selection
/// and answers it as an Atom feed or a `$count`.
struct V2FeedResponder: Sendable {
    let gallery: PackageGallery
    /// nuget.org's page size for V2 feeds; a client gets a `next` link past it.
    static let pageSize = 100

    var writer: AtomWriter { AtomWriter(urls: gallery.urls) }

    /// The rows the options select, in order, before `$skip`/`$top`; with download counts when the query reads
    /// them, and with records when it reads a property the in-memory summary lacks (`V2Property.needsRecord`:
    /// then every candidate's record is read from `records`, a slow path no NuGet client's query takes).
    func select(
        _ versions: [FeedVersion], options: V2QueryOptions, snapshot: FeedSnapshot, records: FeedRecordSource
    ) async throws -> [V2Row] {
        var rows = versions.map { V2Row(version: $0, semVer2: options.semVer2) }
        let read = (options.filter?.properties ?? []).union(options.orderBy?.properties ?? [])
        if read.contains(where: \.needsDownloads) { attachDownloads(&rows, snapshot: snapshot) }
        let urls = gallery.urls
        if read.contains(where: \.needsRecord) {
            rows = try await filterWithRecords(rows, options: options, records: records)
        } else if let filter = options.filter {
            rows = rows.filter { filter.accepts($0, urls: urls) }
        }
        options.orderBy?.sort(&rows, urls: urls)
        if let token = options.skipToken,
           let at = rows.firstIndex(where: { $0.version.lowerID == token.id.lowercased()
               && ODataValue.equal($0.value(.version, urls: urls), .string(token.version)) }) {
            rows.removeFirst(at + 1)
        }
        return rows
    }

    /// The feed answer: one page of at most `pageSize` entries and a `next` link when more remain
    /// and the client's `$top` is not yet satisfied (nuget.exe 2.x `list` misbehaves otherwise).
    /// The page's records are read from `records` (one query: the view keeps summaries only).
    func feed(
        title: String, path: String, _ versions: [FeedVersion], options: V2QueryOptions, snapshot: FeedSnapshot,
        records: FeedRecordSource
    ) async throws -> Response {
        let parts = try await feedParts(
            title: title, path: path, versions, options: options, snapshot: snapshot, records: records)
        return feedResponse(parts)
    }

    /// `feed`'s text without the value of the feed's `<updated>` (`V2AnswerCache` keeps it).
    func feedParts(
        title: String, path: String, _ versions: [FeedVersion], options: V2QueryOptions, snapshot: FeedSnapshot,
        records: FeedRecordSource
    ) async throws -> V2AnswerCache.Answer {
        let rows = try await select(versions, options: options, snapshot: snapshot, records: records)
        let start = min(options.skip, rows.count)
        let wanted = options.top.map { min($0, rows.count - start) } ?? (rows.count - start)
        let pageCount = min(wanted, Self.pageSize)
        var page = Array(rows[start..<(start + pageCount)])
        attachDownloads(&page, snapshot: snapshot)
        try await attachRecords(&page, from: records)
        var next: String?
        if pageCount < wanted {
            let query = options.nextQuery(skip: start + pageCount, top: options.top.map { $0 - pageCount })
            next = "\(gallery.urls.legacyGallery)\(path)?\(query)"
        }
        let parts = writer.feedParts(
            title: title, selfPath: path, rows: page, count: options.inlineCount ? rows.count : nil, nextLink: next)
        return V2AnswerCache.Answer(head: parts.head, tail: parts.tail)
    }

    /// A feed answer from its parts, `<updated>` now.
    func feedResponse(_ parts: V2AnswerCache.Answer) -> Response {
        Self.xml(
            parts.head + ODataDate.atom(gallery.clock.now()) + (parts.tail ?? ""),
            contentType: "application/atom+xml;type=feed;charset=utf-8")
    }

    /// `…/$count`: the number of entries after `$filter`, `$skip` and `$top`, as plain text.
    func count(
        _ versions: [FeedVersion], options: V2QueryOptions, snapshot: FeedSnapshot, records: FeedRecordSource
    ) async throws -> Response {
        let total = try await select(versions, options: options, snapshot: snapshot, records: records).count
        let counted = max(0, min(total - options.skip, options.top ?? Int.max))
        return Self.text(String(counted))
    }

    /// A single entry (`Packages(Id='…',Version='…')`).
    func entry(_ version: FeedVersion, options: V2QueryOptions, snapshot: FeedSnapshot, records: FeedRecordSource) async throws -> Response {
        Self.entryResponse(try await entryXML(version, snapshot: snapshot, records: records))
    }

    /// `entry`'s text.
    func entryXML(_ version: FeedVersion, snapshot: FeedSnapshot, records: FeedRecordSource) async throws -> String {
        var rows = [V2Row(version: version, semVer2: true)]
        attachDownloads(&rows, snapshot: snapshot)
        try await attachRecords(&rows, from: records)
        return writer.entry(rows[0])
    }

    /// An entry answer from its text.
    static func entryResponse(_ body: String) -> Response {
        Self.xml(body, contentType: "application/atom+xml;type=entry;charset=utf-8")
    }

    private func attachDownloads(_ rows: inout [V2Row], snapshot: FeedSnapshot) {
        var cache: [String: FeedDownloads] = [:]
        for n in rows.indices where rows[n].downloads == nil {
            let lowerID = rows[n].version.lowerID
            if let known = cache[lowerID] {
                rows[n].downloads = known
            } else if let package = snapshot.packages[lowerID] {
                let counts = gallery.feed.downloads(of: package)
                cache[lowerID] = counts
                rows[n].downloads = counts
            }
        }
    }

    /// The filter of a query that reads a property only records hold, a chunk of rows at a time: each chunk's
    /// records are read, the filter and the sort keys evaluated, and the records dropped again, so memory stays
    /// bounded by one chunk whatever the number of candidates (the page's records are read again afterwards).
    private func filterWithRecords(_ rows: [V2Row], options: V2QueryOptions, records: FeedRecordSource) async throws -> [V2Row] {
        let urls = gallery.urls
        var kept: [V2Row] = []
        for start in stride(from: 0, to: rows.count, by: Self.recordChunk) {
            var chunk = Array(rows[start..<min(start + Self.recordChunk, rows.count)])
            try await attachRecords(&chunk, from: records)
            for var row in chunk where options.filter?.accepts(row, urls: urls) ?? true {
                row.sortKeys = options.orderBy?.keyValues(row, urls: urls)
                row.record = nil
                kept.append(row)
            }
        }
        return kept
    }

    /// Rows whose records are read per statement when a query needs them all.
    static let recordChunk = 400

    /// Reads the records of the rows that lack one. A version whose record is gone (hard-deleted and purged
    /// after the snapshot was taken) keeps none: its record-only properties are then null.
    private func attachRecords(_ rows: inout [V2Row], from source: FeedRecordSource) async throws {
        let missing = rows.indices.filter { rows[$0].record == nil }
        guard !missing.isEmpty else { return }
        let found = try await source.records(missing.map { rows[$0].version.key })
        for n in missing { rows[n].record = found[rows[n].version.key] }
    }

    /// WCF-era clients expect `DataServiceVersion` on every OData answer.
    static func xml(_ body: String, contentType: String) -> Response {
        let buffer = ByteBuffer(string: body)
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType, .dataServiceVersion: "2.0;", .cacheControl: "no-cache",
                .contentLength: String(buffer.readableBytes),
            ],
            body: .init(byteBuffer: buffer)
        )
    }

    static func text(_ body: String) -> Response {
        let buffer = ByteBuffer(string: body)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain;charset=utf-8", .dataServiceVersion: "2.0;", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }
}

extension HTTPField.Name {
    /// OData v2's protocol version header.
    static let dataServiceVersion = HTTPField.Name("DataServiceVersion")!
}
