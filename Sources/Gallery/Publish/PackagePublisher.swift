public import Foundation
public import Logging
import NuGetCore

/// The push pipeline shared by every surface (V3 and V2): read → validate → authorize → claim →
/// store blobs (renewing the claim's lease) → publish (one transaction with the catalog entry and the audit
/// event) → render → index.
///
/// The claim row takes the id+version before any blob is written, so the final blob keys belong to
/// this push alone; a crash before `publishClaim` leaves only a pending row whose lease lapses: the next push
/// of that version takes it over, and `recoverClaims` removes it otherwise.
public struct PackagePublisher: Sendable {
    let store: any MetadataStore
    let blobs: any BlobStore
    let reader: PackageReader
    let authorizer: Authorizer
    let changes: ChangeRecorder
    let clock: any GalleryClock
    let renewal: ClaimRenewal
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
    ///
    /// The blob writes are independent, so each round is issued at once: a push costs a few round trips to the
    /// object store, not one per object (issue 13). Metadata reads stay one after the other: a push holds one
    /// pooled connection at a time, so concurrent pushes never starve a small pool.
    public func push(packageAt path: String, by principal: Principal) async throws -> PushResult {
        let (contents, warnings) = try await reader.read(fileAt: path)
        var record = PackageVersionRecord(contents: contents, pushedAt: clock.now())
        let key = record.key

        let existing = try await store.versions(ofLowerID: key.lowerID)
        let isNewID = try await authorizer.checkPush(principal, id: contents.nuspec.id) == nil
        // An available version answers 409 at once (the id's rows were just read). A pending row may be a dead
        // push's claim, which the claim below takes over once its lease lapsed; the claim refuses every other row
        // (a deleted number is never reused), and only then is the row read for the message.
        if let row = existing.first(where: { $0.key == key }) {
            throw Self.duplicate(record, stored: row)
        }
        if let registered = existing.first, registered.id != record.id {
            // nuget.org keeps the first-pushed casing of an id for the whole registration.
            record.id = registered.id
        }
        // A new id belongs to the key's owner: the user, or the organization the key was made for.
        let lease = renewal.newLease()
        let outcome = try await store.claimVersion(record, owner: principal.owner.key, lease: lease, now: clock.now())
        guard outcome.isHeld else {
            throw Self.duplicate(record, stored: try await store.version(key))
        }
        if outcome == .tookOver {
            logger.warning("took over the lapsed claim of an interrupted push", metadata: ["id": "\(record.id)", "version": "\(record.version)"])
        }
        record.state = .available
        // The catalog entry is made now so its leaf is stored beside the package's blobs: nothing points at the
        // leaf before the commit below (a failed push leaves an orphan at worst), and the database's catalog
        // keeps its commit stamps increasing whatever order pushes commit in (`appendCatalogEntry`).
        let entry = await changes.catalogEntry(for: record, kind: .packageDetails)
        do {
            try await renewal.whileRenewing(key, lease) { [self] in
                try await storeBlobs(contents, key: key, leaf: entry, packageAt: path) { try await renewal.confirmIfStale(key, lease) }
            }
        } catch {
            // Only this push's claim: one taken over by another push is that push's to finish.
            try? await store.abandonClaim(key, token: lease.token)
            await removeLeaf(entry)
            throw try await claimError(error, record: record)
        }
        let event = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: "package.pushed",
            target: "package \(record.id) \(record.normalizedVersion)",
            details: isNewID ? "new id, owned by \(principal.owner.name)" : ""
        )
        let published: PackageVersionRecord
        do {
            published = try await changes.publish(record, entry: entry, token: lease.token, audit: [event])
        } catch let error as ClaimLost {
            await removeLeaf(entry)
            throw try await claimError(error, record: record)
        }
        logger.info("pushed", metadata: ["id": "\(record.id)", "version": "\(record.version)", "user": "\(principal.user.name)"])
        return PushResult(record: published, warnings: warnings)
    }

    /// What a push whose claim was lost answers: 409 when another push holds or published the version now,
    /// 503 (push again) when the claim was swept; other errors unchanged.
    private func claimError(_ error: any Error, record: PackageVersionRecord) async throws -> any Error {
        guard error is ClaimLost else { return error }
        logger.warning("a push lost its claim before publishing", metadata: ["id": "\(record.id)", "version": "\(record.version)"])
        if try await store.version(record.key) != nil {
            return GalleryError.versionExists(id: record.id, version: record.normalizedVersion)
        }
        return GalleryError.unavailable("The push took too long and its claim lapsed; push the package again.")
    }

    /// Deletes the catalog leaf of a push that did not commit (best effort: an orphan leaf is never pointed at).
    /// Its path carries the push's own commit stamp, unique to the microsecond, so it is no other push's leaf.
    private func removeLeaf(_ entry: CatalogEntry) async {
        try? await blobs.delete(.document("catalog/\(entry.leafPath)"))
    }

    /// Writes the blobs in two rounds: the side files and the catalog leaf together, then (after checking the
    /// claim is still this push's) the nupkg, last so a visible nupkg implies its side files are there.
    private func storeBlobs(
        _ contents: NupkgContents, key: PackageVersionKey, leaf: CatalogEntry, packageAt path: String,
        confirm: @escaping @Sendable () async throws -> Void
    ) async throws {
        var sideFiles: [(BlobKey, Data)] = [(.nuspec(key), contents.nuspecData), (.document("catalog/\(leaf.leafPath)"), leaf.leafJSON)]
        for (blob, data) in [(BlobKey.readme(key), contents.readme), (.icon(key), contents.icon), (.licenseFile(key), contents.licenseFile)] {
            if let data { sideFiles.append((blob, data)) }
        }
        try await confirm()
        try await forEachConcurrently(sideFiles) { [blobs] file in try await blobs.put(file.0, data: file.1) }
        try await confirm()
        try await blobs.put(.nupkg(key), movingFileAt: path)
    }

    /// Removes pending claims whose lease lapsed more than `age` ago, with their blobs (left by a crash mid-push).
    public func recoverClaims(olderThan age: TimeInterval) async throws -> Int {
        try await recoverClaims(expiredBefore: clock.now().addingTimeInterval(-age))
    }

    /// Removes pending claims whose lease lapsed before `bound`, with their blobs; `.distantFuture` removes every
    /// pending claim (a single process starting: no push of its own is in flight).
    ///
    /// The sweeper first takes each claim over itself (judging leases at `bound`), so no push can claim the
    /// number while its blobs are deleted; a claim another push took over meanwhile is left alone.
    public func recoverClaims(expiredBefore bound: Date) async throws -> Int {
        let stale = try await store.pendingClaims(expiredBefore: bound)
        var removed = 0
        for claim in stale {
            let record = claim.record
            let lease = renewal.newLease()
            let outcome = try await store.claimVersion(record, owner: nil, lease: lease, now: bound)
            guard outcome.isHeld else { continue }
            if outcome == .tookOver {
                for blob in [BlobKey.nupkg(record.key), .nuspec(record.key), .readme(record.key), .readmeOriginal(record.key), .icon(record.key), .licenseFile(record.key)] {
                    try await blobs.delete(blob)
                }
                removed += 1
                logger.warning("removed an interrupted push", metadata: ["id": "\(record.id)", "version": "\(record.version)"])
            }
            try await store.abandonClaim(record.key, token: lease.token)
        }
        return removed
    }
}
