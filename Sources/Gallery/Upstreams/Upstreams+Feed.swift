import Foundation
import NuGetCore

extension Upstreams {
    /// An upstream id as the V2 feed shows it, so clients that speak only V2 (nuget.exe 2.x) can install
    /// through this feed a package only an upstream has: each version's record is built from its nuspec (fetched
    /// once and kept, like the packages). `PackageSize`/`PackageHash` are those of the kept `.nupkg`, or 0 and
    /// empty before it was fetched (a client then downloads rather than trusting its own cache). Every version
    /// shows as listed: a flat container does not say which are unlisted. Nil when no upstream has the id.
    /// Callers check `PackageGallery.upstreamRefusal` first.
    public func feedPackage(lowerID: String) async throws -> HeldFeedPackage? {
        guard let list = try await versionList(lowerID: lowerID) else { return nil }
        let versions = list.versions.map(\.version)
        var records: [PackageVersionRecord] = []
        var firstFailure: (any Error)?
        // A few at a time: the first V2 query of an id with many versions fetches that many nuspecs.
        for start in stride(from: 0, to: versions.count, by: 8) {
            let batch = versions[start..<min(start + 8, versions.count)]
            await withTaskGroup(of: Result<PackageVersionRecord?, any Error>.self) { group in
                for version in batch {
                    group.addTask { await Result(catchingAsync: { try await self.feedRecord(lowerID: lowerID, lowerVersion: version) }) }
                }
                for await result in group {
                    switch result {
                    case .success(let record): if let record { records.append(record) }
                    case .failure(let error): firstFailure = firstFailure ?? error
                    }
                }
            }
        }
        // Versions whose nuspec cannot be had now are left out; with none at all, the caller answers 502/504.
        if records.isEmpty, let firstFailure { throw firstFailure }
        return HeldFeedPackage(lowerID: lowerID, records: records)
    }

    private func feedRecord(lowerID: String, lowerVersion: String) async throws -> PackageVersionRecord? {
        guard let nuspecData = try await file(lowerID: lowerID, lowerVersion: lowerVersion, name: "\(lowerID).nuspec") else { return nil }
        guard let nuspec = try? Nuspec(parsing: nuspecData) else {
            throw UpstreamFailure("The upstream nuspec of '\(lowerID)' \(lowerVersion) cannot be read.")
        }
        let origin = try await cache.origin(PackageVersionKey(lowerID: lowerID, lowerVersion: lowerVersion))
        return UpstreamCache.record(nuspec: nuspec, nuspecData: nuspecData, origin: origin, now: clock.now())
    }
}

extension UpstreamCache {
    /// The record an upstream version shows as: its nuspec's metadata, the kept `.nupkg`'s size and hash (0 and
    /// empty before it was fetched), listed and available.
    static func record(nuspec: Nuspec, nuspecData: Data, origin: Origin?, now: Date) -> PackageVersionRecord {
        let contents = NupkgContents(
            nuspec: nuspec, nuspecData: nuspecData, entries: [], isSigned: false, libFrameworks: [], readme: nil, icon: nil,
            licenseFile: nil, packageSize: origin?.size ?? 0, sha512Base64: origin?.packageHash ?? "", isLegacySymbolsPackage: false)
        var record = PackageVersionRecord(contents: contents, pushedAt: origin?.fetched ?? now)
        record.state = .available
        return record
    }
}

extension Result where Failure == any Error {
    init(catchingAsync body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
