public import Foundation
public import NuGetCore
import Logging

extension PackageGallery {
    /// The largest README an owner may store from the Manage page (1 MB).
    public static let maxReadmeBytes = 1_048_576

    /// Replaces the README of one version (the Manage page's Documentation section) for a principal allowed to
    /// manage the package (owners, members of an owning organization, site admins). The Markdown is stored at the
    /// version's `readme` blob, so the package page and the flat container's `readme` (V3 `ReadmeUriTemplate`) both
    /// show it on every node; the package's own README is kept aside at `readmeOriginal` for `revertReadme`.
    /// Audited as `package.readme-replaced`; the id's documents are re-rendered (registration's `readmeUrl`).
    public func replaceReadme(_ markdown: Data, id: PackageID, version: NuGetVersion, by principal: Principal) async throws -> PackageVersionRecord {
        guard !markdown.isEmpty, String(decoding: markdown, as: UTF8.self).contains(where: { !$0.isWhitespace }) else {
            throw GalleryError.badRequest("Enter the README's Markdown or choose a .md file.")
        }
        guard markdown.count <= Self.maxReadmeBytes else {
            throw GalleryError.badRequest("The README is larger than 1 MB.")
        }
        guard String(data: markdown, encoding: .utf8) != nil else {
            throw GalleryError.badRequest("The README is not UTF-8 text.")
        }
        let record = try await readmeTarget(id: id, version: version, by: principal)
        if record.metadata.hasReadme, record.metadata.readmeReplaced != true,
            try await blobs.data(.readmeOriginal(record.key)) == nil, let original = try await blobs.data(.readme(record.key)) {
            try await blobs.put(.readmeOriginal(record.key), data: original)
        }
        try await blobs.put(.readme(record.key), data: markdown)
        let event = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: "package.readme-replaced",
            target: "package \(record.id) \(record.normalizedVersion)")
        let now = clock.now()
        guard let updated = try await changes.update(record.key, audit: [event], { current in
            var changed = current
            changed.metadata.hasReadme = true
            changed.metadata.readmeReplaced = true
            changed.lastEdited = now
            return changed
        }) else { throw GalleryError.notFound("Package '\(id.original)' has no version '\(version.originalString)'.") }
        logger.info("readme replaced", metadata: ["id": "\(record.id)", "version": "\(record.version)"])
        return updated
    }

    /// Brings back the README packed in the package (none if it had none), audited as `package.readme-reverted`.
    public func revertReadme(id: PackageID, version: NuGetVersion, by principal: Principal) async throws -> PackageVersionRecord {
        let record = try await readmeTarget(id: id, version: version, by: principal)
        guard record.metadata.readmeReplaced == true else {
            throw GalleryError.badRequest("Version \(record.version) already shows the package's own README.")
        }
        let original = try await blobs.data(.readmeOriginal(record.key))
        if let original {
            try await blobs.put(.readme(record.key), data: original)
        } else {
            try await blobs.delete(.readme(record.key))
        }
        let event = AuditEvent(
            time: clock.now(), actor: principal.auditName, action: "package.readme-reverted",
            target: "package \(record.id) \(record.normalizedVersion)")
        let now = clock.now()
        guard let updated = try await changes.update(record.key, audit: [event], { current in
            var changed = current
            changed.metadata.hasReadme = original != nil
            changed.metadata.readmeReplaced = nil
            changed.lastEdited = now
            return changed
        }) else { throw GalleryError.notFound("Package '\(id.original)' has no version '\(version.originalString)'.") }
        if original != nil { try await blobs.delete(.readmeOriginal(record.key)) }
        return updated
    }

    /// The available version, after the Manage page's authorization (403 for anyone but owners, owning
    /// organizations' members and site admins; a locked package refuses).
    private func readmeTarget(id: PackageID, version: NuGetVersion, by principal: Principal) async throws -> PackageVersionRecord {
        let key = PackageVersionKey(lowerID: id.lowercased, lowerVersion: version.normalizedLowercased)
        guard let record = try await store.version(key), record.state == .available else {
            throw GalleryError.notFound("Package '\(id.original)' has no version '\(version.originalString)'.")
        }
        let target = PackageTarget(
            id: record.id, ownerKeys: Set(try await store.owners(ofLowerID: key.lowerID)),
            isLocked: try await store.isPackageLocked(lowerID: key.lowerID))
        try authorizer.check(principal, .setListed(target))
        return record
    }
}
