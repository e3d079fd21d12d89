import Foundation
import Logging
public import NuGetCore

extension PackageGallery {
    /// Deprecates (or, without reasons, un-deprecates) versions of a package for a principal allowed to
    /// unlist it, optionally unlisting or relisting them in the same change. Each changed version gets a
    /// catalog entry; registration, search and the catalog show the result.
    ///
    /// Refused with a message when a version or the alternate package is unknown, or the alternate is one of
    /// the versions being deprecated. Returns the versions that changed (none when the request changes nothing).
    @discardableResult
    public func deprecate(_ id: PackageID, _ request: DeprecationRequest, by principal: Principal) async throws -> [PackageVersionRecord] {
        guard !request.versions.isEmpty else {
            throw GalleryError.badRequest("Choose at least one version of '\(id)' to deprecate.")
        }
        let records = try await store.versions(ofLowerID: id.lowercased)
        guard let registered = records.first else {
            throw GalleryError.notFound("Package '\(id)' was not found.")
        }
        let byVersion = Dictionary(records.map { ($0.lowerVersion, $0) }, uniquingKeysWith: { first, _ in first })
        for version in request.versions where byVersion[version.normalizedLowercased] == nil {
            throw GalleryError.notFound("Package '\(registered.id)' version '\(version.normalized)' was not found.")
        }
        let target = PackageTarget(
            id: registered.id, ownerKeys: Set(try await store.owners(ofLowerID: id.lowercased)),
            isLocked: try await store.isPackageLocked(lowerID: id.lowercased))
        try authorizer.check(principal, .deprecate(target))
        let deprecation = try await deprecation(of: id, request)
        let keys = request.versions.map { PackageVersionKey(lowerID: id.lowercased, lowerVersion: $0.normalizedLowercased) }
        let names = request.versions.map(\.normalized).joined(separator: ", ")
        let audit = AuditLog(store: store, clock: clock, logger: logger).entry(
            principal, deprecation == nil ? "package.undeprecated" : "package.deprecated",
            target: "package \(registered.id) \(names)", details: deprecation.map { $0.reasons.joined(separator: ",") } ?? "")
        let changed = try await changes.setDeprecation(
            DeprecationChange(deprecation: deprecation, listed: request.listing.listed), keys: keys, at: clock.now(), audit: [audit])
        logger.info(deprecation == nil ? "undeprecated" : "deprecated", metadata: ["id": "\(registered.id)", "versions": "\(names)"])
        return changed
    }

    /// The stored deprecation for a request (nil to un-deprecate), with the alternate package checked.
    private func deprecation(of id: PackageID, _ request: DeprecationRequest) async throws -> PackageDeprecation? {
        guard !request.reasons.isEmpty else { return nil }
        let message = request.message?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let message, message.count > DeprecationRequest.maximumMessageLength {
            throw GalleryError.badRequest("The deprecation message is longer than \(DeprecationRequest.maximumMessageLength) characters.")
        }
        var alternateID: String?
        var alternateRange: String?
        if let alternate = request.alternatePackageID {
            let versions = try await store.versions(ofLowerID: alternate.lowercased)
            guard let first = versions.first else {
                throw GalleryError.badRequest("The alternate package '\(alternate)' was not found.")
            }
            alternateID = first.id
            if let version = request.alternatePackageVersion {
                guard versions.contains(where: { $0.lowerVersion == version.normalizedLowercased }) else {
                    throw GalleryError.badRequest("The alternate package '\(first.id)' version '\(version.normalized)' was not found.")
                }
                if alternate.lowercased == id.lowercased,
                   request.versions.contains(where: { $0.normalizedLowercased == version.normalizedLowercased }) {
                    throw GalleryError.badRequest("A version cannot be its own alternate package.")
                }
                // nuget.org's registration writes the chosen version as a minimum.
                alternateRange = "[\(version.normalized), )"
            }
        } else if request.alternatePackageVersion != nil {
            throw GalleryError.badRequest("An alternate package version needs an alternate package id.")
        }
        return PackageDeprecation(
            reasons: request.orderedReasons, message: message?.isEmpty == false ? message : nil,
            alternatePackageID: alternateID, alternatePackageRange: alternateRange)
    }
}
