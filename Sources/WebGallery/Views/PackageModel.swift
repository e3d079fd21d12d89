import Foundation
import Gallery
import NuGetCore

/// One box of the alert stack (gallery.md §1.3), in nuget.org's order.
struct AlertModel {
    struct Link {
        let text: String
        let url: String
    }

    let tone: String
    let heading: String
    var lines: [String] = []
    var links: [Link] = []
    var important = false
}

/// A vulnerability advisory. Pallet has no vulnerability data yet; the package page renders these when a
/// later issue fills them in.
struct AdvisoryModel {
    let url: String
    let severity: String
}

struct VersionRowModel {
    let version: String
    let url: String
    let downloads: String
    let updated: String
    let updatedISO: String
    let current: Bool
    let unlisted: Bool
    let deprecated: Bool
}

struct DependencyModel {
    let id: String
    let url: String
    let range: String
}

struct DependencyGroupModel {
    let framework: String
    let dependencies: [DependencyModel]
    let hasDependencies: Bool
}

struct FrameworkModel {
    let display: String
    let folder: String
}

struct LicensePartModel {
    let text: String
    let url: String?
}

struct LicenseModel {
    let parts: [LicensePartModel]
}

/// Everything the package page shows.
struct PackagePageModel {
    var layout: LayoutModel
    let id: String
    let version: String
    let title: String?
    let iconURL: String
    let verified: Bool
    let prerelease: Bool
    let frameworkBadges: [String]
    let alerts: [AlertModel]
    let hasAlerts: Bool
    let installTabs: [InstallTab]
    let readmeHTML: String?
    let description: String
    let frameworks: [FrameworkModel]
    let hasFrameworks: Bool
    let dependencyGroups: [DependencyGroupModel]
    let hasDependencyGroups: Bool
    let versions: [VersionRowModel]
    let releaseNotes: String?
    let totalDownloads: String
    let versionDownloads: String
    let perDayAverage: String
    let chart: DownloadChart
    let updated: String
    let updatedISO: String
    let projectURL: String?
    let repositoryURL: String?
    let license: LicenseModel?
    let licenseInfoURL: String
    let downloadURL: String
    let packageSize: String
    let feedURL: String
    let reportURL: String
    let contactURL: String
    /// "Contact support", for owners (desk).
    let supportURL: String
    let isOwner: Bool
    let owners: [OwnerModel]
    let hasOwners: Bool
    let authors: String?
    let tags: [LinkModel]
    let hasTags: Bool
    let copyright: String?
    /// The Manage page of this version, for owners (and members of owning organizations) only.
    var manageURL: String? = nil
}
