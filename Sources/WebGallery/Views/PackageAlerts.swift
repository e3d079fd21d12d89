import Gallery
import NuGetCore

/// Builds the alert stack of a package version from the fields that exist today (gallery.md §1.3, items
/// 5–14): vulnerability (the advisories whose range contains the version), deprecation, prerelease, SemVer 2.0.0 build
/// metadata, newer version available, unlisted, `minClientVersion`.
enum PackageAlerts {
    static func make(
        record: PackageVersionRecord, newerListed: FeedVersion?, advisories: [AdvisoryModel], missingVersion: String?
    ) -> [AlertModel] {
        var alerts: [AlertModel] = []
        if let missingVersion {
            alerts.append(AlertModel(
                tone: "warning", heading: "Version \(missingVersion) of \(record.id) was not found.",
                lines: ["Showing \(record.version) instead."], important: true))
        }
        if !advisories.isEmpty {
            alerts.append(AlertModel(
                tone: "danger", heading: "This version has at least one known vulnerability.",
                lines: ["Try updating to a version without advisories."],
                links: advisories.map { .init(text: "Advisory (\($0.severity))", url: $0.url) }))
        }
        if let deprecation = record.deprecation {
            alerts.append(deprecationAlert(deprecation, id: record.id))
        }
        if record.isPrerelease {
            alerts.append(AlertModel(tone: "info", heading: "This is a prerelease version of \(record.id)."))
        }
        if record.version.contains("+") {
            alerts.append(AlertModel(
                tone: "info", heading: "This package has a SemVer 2.0.0 version: \(record.version).",
                lines: ["Clients older than NuGet 4.3.0 cannot see it."]))
        }
        if let newer = newerListed {
            alerts.append(AlertModel(
                tone: "info", heading: "There is a newer \(newer.isPrerelease ? "prerelease " : "")version of this package available.",
                links: [.init(text: "See the version list", url: "#versions")]))
        }
        if !record.listed {
            alerts.append(AlertModel(
                tone: "warning", heading: "The owner has unlisted this package.",
                lines: ["It is hidden from search and lists, but remains installable by its exact version. This could mean it is deprecated or should not be used anymore."]))
        }
        if let minimum = record.metadata.minClientVersion, !minimum.isEmpty {
            alerts.append(AlertModel(tone: "info", heading: "Requires NuGet \(minimum) or higher."))
        }
        return alerts
    }

    private static func deprecationAlert(_ deprecation: PackageDeprecation, id: String) -> AlertModel {
        let reasons = Set(deprecation.reasons.map { $0.lowercased() })
        let sentence: String
        switch (reasons.contains("legacy"), reasons.contains("criticalbugs")) {
        case (true, true): sentence = "This package has been deprecated as it is legacy and has critical bugs."
        case (true, false): sentence = "This package has been deprecated as it is legacy and is no longer maintained."
        case (false, true): sentence = "This package has been deprecated as it has critical bugs."
        case (false, false): sentence = "This package has been deprecated."
        }
        var alert = AlertModel(tone: "warning", heading: sentence)
        if let alternate = deprecation.alternatePackageID, !alternate.isEmpty {
            let range = deprecation.alternatePackageRange.flatMap { $0 == "*" || $0.isEmpty ? nil : $0 }
            alert.links.append(.init(
                text: "Suggested alternative: \(alternate)\(range.map { " \($0)" } ?? "")",
                url: PackageURLs.package(id: alternate)))
        }
        if let message = deprecation.message, !message.isEmpty {
            alert.lines.append("Additional details: \(message)")
        }
        return alert
    }
}
