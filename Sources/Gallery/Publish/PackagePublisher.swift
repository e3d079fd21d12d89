public import Foundation
public import Logging
import NuGetCore

/// The push pipeline shared by every surface (V3 and V2): read → validate → authorize → claim →
/// store blobs → publish (one transaction with the catalog entry) → render → index.
///
/// The claim row takes the id+version before any blob is written, so the final blob keys belong to
/// this push alone; a crash before `publishClaim` leaves only a pending row that `recoverClaims` removes.
public struct PackagePublisher: Sendable {
    let store: any MetadataStore
    let blobs: any BlobStore
    let reader: PackageReader
    let authorizer: Authorizer
    let changes: ChangeRecorder
    let clock: any GalleryClock
    let logger: Logger

    /// The 409 for a used number: worded as identical when the stored version has the same bytes (a retried
    /// push after a timeout), so `--skip-duplicate` users can tell it from a different package.
    static func duplicate(_ record: PackageVersionRecord, stored: PackageVersionRecord?) -> GalleryError {
        if let stored, stored.state == .available, stored.packageHash == record.packageHash {
            return .identicalVersionExists(id: record.id, version: record.normalizedVersion)
        }
        return .versionExists(id: record.id, version: record.normalizedVersion)
    }

    /// Pushes the package in a local temp file on behalf of the key's owner. The file is moved or left for the caller to delete.
    public func push(packageAt path: String, by principal: Principal) async throws -> PushResult {
        let (contents, warnings) = try await reader.read(fileAt: path)
        var record = PackageVersionRecord(contents: contents, pushedAt: clock.now())
        let key = record.key

        let existing = try await store.versions(ofLowerID: key.lowerID)
        let isNewID = try await authorizer.checkPush(principal, id: contents.nuspec.id) == nil
        if let stored = try await store.version(key) {
            throw Self.duplicate(record, stored: stored)
        }
        if let registered = existing.first, registered.id != record.id {
            // nuget.org keeps the first-pushed casing of an id for the whole registration.
            record.id = registered.id
        }
        // A new id belongs to the key's owner: the user, or the organization the key was made for.
        guard try await store.claimVersion(record, owner: principal.owner.key) == .claimed else {
            throw Self.duplicate(record, stored: try await store.version(key))
        }
        do {
            try await storeBlobs(contents, key: key, packageAt: path)
        } catch {
            try? await store.abandonClaim(key)
            throw error
        }
        record.state = .available
        let published = try await changes.publish(record)
        logger.info("pushed", metadata: ["id": "\(record.id)", "version": "\(record.version)", "user": "\(principal.user.name)"])
        await AuditLog(store: store, clock: clock, logger: logger).recordAfterCommit(
            actor: principal.auditName, action: "package.pushed", target: "package \(record.id) \(record.normalizedVersion)",
            details: isNewID ? "new id, owned by \(principal.owner.name)" : ""
        )
        return PushResult(record: published, warnings: warnings)
    }

    private func storeBlobs(_ contents: NupkgContents, key: PackageVersionKey, packageAt path: String) async throws {
        try await blobs.put(.nuspec(key), data: contents.nuspecData)
        if let readme = contents.readme { try await blobs.put(.readme(key), data: readme) }
        if let icon = contents.icon { try await blobs.put(.icon(key), data: icon) }
        if let license = contents.licenseFile { try await blobs.put(.licenseFile(key), data: license) }
        // Last, so a visible nupkg implies its side files are there.
        try await blobs.put(.nupkg(key), movingFileAt: path)
    }

    /// Removes pending claims older than `age` with their blobs (left by a crash mid-push).
    public func recoverClaims(olderThan age: TimeInterval) async throws -> Int {
        let stale = try await store.pendingClaims(createdBefore: clock.now().addingTimeInterval(-age))
        for record in stale {
            for blob in [BlobKey.nupkg(record.key), .nuspec(record.key), .readme(record.key), .icon(record.key), .licenseFile(record.key)] {
                try await blobs.delete(blob)
            }
            try await store.abandonClaim(record.key)
            logger.warning("removed an interrupted push", metadata: ["id": "\(record.id)", "version": "\(record.version)"])
        }
        return stale.count
    }
}
