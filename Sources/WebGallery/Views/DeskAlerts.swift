import Gallery
import NuGetCore

/// The package page's notices about what the operators did (desk): a lock, and a version deleted for a policy
/// violation (a hard delete keeps the version's row in state `deleted`, so the page can say so).
extension WebGallery {
    func deskAlerts(_ alerts: [AlertModel], record: PackageVersionRecord, missing: String?) async throws -> [AlertModel] {
        var alerts = alerts
        if let missing, let parsed = try? NuGetVersion(parsing: missing),
           let gone = try await gallery.store.version(PackageVersionKey(lowerID: record.lowerID, lowerVersion: parsed.normalizedLowercased)),
           gone.state == .deleted {
            alerts.removeAll { $0.heading.hasPrefix("Version \(missing) of") }
            alerts.insert(Self.deletedAlert(id: record.id, version: gone.normalizedVersion, showing: record.version), at: 0)
        }
        if try await gallery.store.isPackageLocked(lowerID: record.lowerID) {
            alerts.insert(AlertModel(
                tone: "warning", heading: "This package is locked by the site administrators.",
                lines: ["No new versions, listing changes or owner changes are accepted until it is unlocked."]), at: 0)
        }
        return alerts
    }

    static func deletedAlert(id: String, version: String, showing: String?) -> AlertModel {
        AlertModel(
            tone: "danger", heading: "\(id) \(version) was deleted by the site administrators for a policy violation.",
            lines: ["It can no longer be installed, and its version number cannot be used again."]
                + (showing.map { ["Showing \($0) instead."] } ?? []),
            important: true)
    }

    /// The 404 message of an id whose every version was deleted for a policy violation, or nil.
    func deletedPackageMessage(id: String) async throws -> String? {
        guard let packageID = try? PackageID(validating: id) else { return nil }
        let versions = try await gallery.store.versions(ofLowerID: packageID.lowercased)
        guard !versions.isEmpty, versions.allSatisfy({ $0.state == .deleted }) else { return nil }
        return "Every version of \(versions[0].id) was deleted by the site administrators for a policy violation."
    }
}
