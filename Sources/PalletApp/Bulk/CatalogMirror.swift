import AsyncHTTPClient
public import Foundation
public import Gallery
import NIOCore
import NIOHTTP1
import NuGetCore

/// `pallet mirror --from URL`: copies another feed's packages into this one by following its catalog
/// (`Catalog/3.0.0`) from a stored cursor: each new `PackageDetails` leaf's `.nupkg` is downloaded from the
/// feed's flat container and published through the same pipeline as an import (byte-identical, owned by the
/// named account), then unlisted when the leaf says so. The cursor (the last fully copied page's newest commit
/// time) is kept in `DATA/mirror/`, so an interrupted mirror resumes where it stopped. `ids` (globs, `Contoso.*`)
/// limits the copy to matching ids; the cursor still moves past the others.
public struct CatalogMirror: Sendable {
    let source: String
    let importer: PackageImporter
    let stagingDirectory: URL
    let gallery: PackageGallery
    let principal: Principal
    let http: HTTPClient
    /// The `--ids` globs as given (they name the cursor), and parsed.
    let idGlobs: [String]
    let ids: [GlobPattern]

    public init(source: String, gallery: PackageGallery, principal: Principal, dataDirectory: URL, ids: [String] = []) {
        self.source = source
        self.idGlobs = ids
        self.ids = ids.map(GlobPattern.init)
        self.gallery = gallery
        self.principal = principal
        self.stagingDirectory = dataDirectory
        self.importer = PackageImporter(gallery: gallery, principal: principal, stagingDirectory: dataDirectory)
        // No connection retries until the deadline: a feed that refuses fails the package at once.
        self.http = upstreamHTTPClient
    }

    /// What was wrong with the source feed.
    public struct MirrorError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The cursor file of this source and id selection: a run with other `--ids` has a cursor of its own, so
    /// widening the selection copies the ids an earlier run passed over.
    var cursorFile: URL {
        let selection = ids.isEmpty ? "" : "-ids-" + idGlobs.map { $0.lowercased() }.sorted().joined(separator: ",")
        let name = String((source + selection).map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(200))
        return stagingDirectory.appendingPathComponent("mirror").appendingPathComponent("\(name).cursor")
    }

    /// The stored cursor (nil before the first run).
    public func cursor() -> Date? {
        (try? String(contentsOf: cursorFile, encoding: .utf8)).flatMap { Self.date($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func storeCursor(_ date: Date) throws {
        try FileManager.default.createDirectory(at: cursorFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        try formatter.string(from: date).write(to: cursorFile, atomically: true, encoding: .utf8)
    }

    static func date(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        // nuget.org writes no zone ("2015-02-01T06:22:45.8488496"): UTC.
        return fractional.date(from: text + "Z") ?? ISO8601DateFormatter().date(from: text + "Z")
    }

    func json(_ url: String) async throws -> [String: Any] {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        guard response.status == .ok else { throw MirrorError(description: "\(url) answered \(response.status.code).") }
        let body = try await response.body.collect(upTo: 64 << 20)
        guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw MirrorError(description: "\(url) is not a JSON object.")
        }
        return object
    }

    /// Copies everything committed after the cursor; returns the results of the packages it tried.
    /// `progress` is told the estimated total first (the pending pages' item counts) and each result after.
    public func run(parallelism: Int, progress: BulkProgress? = nil) async throws -> [BulkResult] {
        let index = try await json(source)
        let resources = (index["resources"] as? [[String: Any]]) ?? []
        func resource(_ prefix: String) -> String? {
            resources.first { ($0["@type"] as? String)?.hasPrefix(prefix) == true }?["@id"] as? String
        }
        guard let catalogURL = resource("Catalog/"), let flatResource = resource("PackageBaseAddress/") else {
            throw MirrorError(description: "\(source) has no Catalog and PackageBaseAddress resources: it cannot be mirrored.")
        }
        let flat = flatResource.hasSuffix("/") ? flatResource : flatResource + "/"
        let since = cursor() ?? .distantPast
        let catalog = try await json(catalogURL)
        let pages = ((catalog["items"] as? [[String: Any]]) ?? [])
            .compactMap { page -> (url: String, time: Date, count: Int)? in
                guard let url = page["@id"] as? String, let time = (page["commitTimeStamp"] as? String).flatMap(Self.date) else { return nil }
                return (url, time, (page["count"] as? Int) ?? 0)
            }
            .filter { $0.time > since }
            .sorted { $0.time < $1.time }
        // An estimate (a page's count includes entries already copied, deletes and ids not asked for), refined
        // as each page is read: what a page does not copy is skipped in the progress at once.
        progress?.expect(pages.reduce(0) { $0 + $1.count })
        var results: [BulkResult] = []
        for page in pages {
            let document = try await json(page.url)
            var newest: [String: (leaf: String, type: String, id: String, version: String, time: Date)] = [:]
            for item in (document["items"] as? [[String: Any]]) ?? [] {
                guard let leaf = item["@id"] as? String, let type = item["@type"] as? String,
                      let id = item["nuget:id"] as? String, let version = item["nuget:version"] as? String,
                      let time = (item["commitTimeStamp"] as? String).flatMap(Self.date), time > since else { continue }
                let key = "\(id.lowercased())/\(version.lowercased())"
                if let seen = newest[key], seen.time >= time { continue }
                newest[key] = (leaf, type, id, version, time)
            }
            let work = newest.values
                .filter { item in item.type.hasSuffix("PackageDetails") && (ids.isEmpty || ids.contains { $0.matches(item.id) }) }
                .sorted { $0.time < $1.time }
            progress?.skip(max(0, page.count - work.count))
            let pageResults = await mapConcurrently(work, limit: parallelism) { item in
                let result = await copy(id: item.id, version: item.version, leaf: item.leaf, flat: flat)
                progress?.record(result)
                return result
            }
            results += pageResults
            // The cursor moves only past a page copied whole: a failure is retried by the next run.
            guard !pageResults.contains(where: { $0.outcome.isFailure }) else {
                throw MirrorError(description: "\(pageResults.filter { $0.outcome.isFailure }.count) package(s) of \(page.url) failed; the next run retries them.")
            }
            try storeCursor(page.time)
        }
        return results
    }

    func copy(id: String, version: String, leaf: String, flat: String) async -> BulkResult {
        let name = URL(fileURLWithPath: "\(id).\(version).nupkg")
        do {
            let details = try await json(leaf)
            let listed = details["listed"] as? Bool ?? true
            let lowerID = id.lowercased()
            let lowerVersion = try NuGetVersion(parsing: version).normalizedLowercased
            let url = "\(flat)\(lowerID)/\(lowerVersion)/\(lowerID).\(lowerVersion).nupkg"
            let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(300))
            guard response.status == .ok else {
                return BulkResult(file: name, outcome: .failed("\(url) answered \(response.status.code)"), bytes: 0)
            }
            let bytes = Data(try await response.body.collect(upTo: 1 << 30).readableBytesView)
            let downloaded = stagingDirectory.appendingPathComponent("upload-mirror-\(UUID().uuidString).nupkg")
            defer { try? FileManager.default.removeItem(at: downloaded) }
            try bytes.write(to: downloaded)
            let result = await importer.importFile(downloaded, skipDuplicate: false)
            if !result.outcome.isFailure, !listed {
                _ = try await gallery.setListed(false, id: try PackageID(validating: id), version: try NuGetVersion(parsing: version), by: principal)
            }
            return BulkResult(file: name, outcome: result.outcome, bytes: bytes.count)
        } catch {
            return BulkResult(file: name, outcome: .failed("\(error)"), bytes: 0)
        }
    }
}
