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

    /// The 404 message of a version URL whose id has no version left because this one was deleted for a policy
    /// violation (the store keeps deleted rows; other ids' and versions' 404s stay plain), or nil.
    func deletedVersionMessage(id: String, version: String?) async throws -> String? {
        guard let version, let key = try? PackageGallery.versionKey(id: id, version: version),
              let record = try await gallery.store.version(key), record.state == .deleted else { return nil }
        return "\(record.id) \(record.normalizedVersion) was deleted by the site administrators for a policy violation. It can no longer be installed."
    }
}
