import Foundation
public import NuGetCore

extension PackageGallery {
    /// Imports the NuGet advisories of OSV files at `path` (site admins): they replace the `base` page, so
    /// importing the same files again changes nothing. The ids whose advisories changed are re-rendered
    /// (registration's `vulnerabilities`). Returns how many advisory ranges the page now holds.
    @discardableResult
    public func importAdvisories(at path: String, by principal: Principal) async throws -> Int {
        try authorizer.check(principal, .manageAdvisories)
        let advisories: [Advisory]
        do {
            advisories = try OSVAdvisoryReader.advisories(at: path)
        } catch let error as OSVAdvisoryReader.ReadError {
            throw GalleryError.badRequest(error.description)
        }
        let audit = auditLog.entry(
            principal, "advisories.imported", target: path, details: "\(Set(advisories.map(\.advisoryID)).count) advisories")
        let changed = try await store.replaceAdvisories(on: .base, with: advisories, audit: [audit])
        let neverStamped = try await store.setting(VulnerabilityDocuments.settingName(.base)) == nil
        if !changed.isEmpty || neverStamped {
            try await vulnerabilities.stamp(.base, at: clock.now())
        }
        try await rerender(changed)
        return Set(advisories).count
    }

    /// Adds a private advisory (an in-house package's) to the `update` page.
    public func addAdvisory(
        id advisoryID: String, package: PackageID, versions: VersionRange, severity: Int, url: String, by principal: Principal
    ) async throws {
        try authorizer.check(principal, .manageAdvisories)
        guard !advisoryID.isEmpty, advisoryID.count <= 64 else {
            throw GalleryError.badRequest("An advisory id has 1 to 64 characters.")
        }
        guard (0...3).contains(severity) else { throw GalleryError.badRequest("The severity is 0 (low) to 3 (critical).") }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
            throw GalleryError.badRequest("'\(url)' is not an http(s) URL.")
        }
        let advisory = Advisory(
            advisoryID: advisoryID, lowerID: package.lowercased, versions: versions.normalized, severity: severity, url: url, page: .update)
        let audit = auditLog.entry(principal, "advisory.added", target: "package \(package) \(versions.normalized)", details: advisoryID)
        try await store.addAdvisories([advisory], audit: [audit])
        try await vulnerabilities.stamp(.update, at: clock.now())
        try await rerender([package.lowercased])
    }

    /// Removes every range of an advisory (imported or private). False when the id is unknown.
    @discardableResult
    public func removeAdvisory(id advisoryID: String, by principal: Principal) async throws -> Bool {
        try authorizer.check(principal, .manageAdvisories)
        let audit = auditLog.entry(principal, "advisory.removed", target: "advisory \(advisoryID)")
        let changed = try await store.removeAdvisory(id: advisoryID, audit: [audit])
        guard !changed.isEmpty else { return false }
        for page in Advisory.Page.allCases { try await vulnerabilities.stamp(page, at: clock.now()) }
        try await rerender(changed)
        return true
    }

    private var auditLog: AuditLog { AuditLog(store: store, clock: clock, logger: logger) }

    /// Re-renders ids whose advisories changed (they were marked dirty in the same transaction, so a crash
    /// or another process's server catches up too).
    private func rerender(_ lowerIDs: [String]) async throws {
        for lowerID in lowerIDs {
            let records = try await documents.refresh(lowerID: lowerID)
            try await changes.reindex(lowerID: lowerID, records: records)
        }
    }
}

extension PackageGallery {
    /// The advisories whose affected range contains `record`'s version, most severe ranges first (as
    /// registration lists them): what a package page warns about. One store read.
    public func advisories(affecting record: PackageVersionRecord) async throws -> [Advisory] {
        let matching = try await store.advisories(ofLowerID: record.lowerID).filter { $0.affects(record.version) }
        var seen = Set<String>()
        return matching.sorted(by: VulnerabilityRenderer.order).filter { seen.insert($0.url).inserted }
    }
}
