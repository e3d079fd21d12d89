import Foundation
import Gallery
import NuGetCore

/// One version as the V2 feed shows it: the record, its flags at the request's SemVer level and
/// its download counts, with every `V2FeedPackage` property derivable from them.
struct V2Row: Sendable {
    let version: FeedVersion
    let semVer2: Bool
    /// nil until needed; set for rendered entries and for queries that read downloads.
    var downloads: FeedDownloads?

    var record: PackageVersionRecord { version.record }

    /// nuget.exe 2.x and NuGet.Client read `Published` ≤ 1901 as unlisted (protocol §7).
    static let unlistedPublished = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z

    /// The value of a property for filtering, ordering and rendering.
    func value(_ property: V2Property, urls: FeedURLs) -> ODataValue {
        let m = record.metadata
        switch property {
        case .id: return .string(record.id)
        case .version: return .version(version.parsed, Self.wireVersion(record))
        case .normalizedVersion: return .version(version.parsed, record.normalizedVersion)
        case .authors: return .string(m.authors)
        case .copyright: return Self.optional(m.copyright)
        case .created: return .date(record.created)
        case .dependencies: return .string(Self.dependencies(m.dependencyGroups))
        case .description: return .string(m.description)
        case .downloadCount: return .int(Self.int32(downloads?.total ?? record.downloads))
        case .galleryDetailsUrl: return .string(urls.packageDetails(id: record.id, version: record.normalizedVersion))
        case .iconUrl: return m.hasIcon
            ? .string(urls.icon(lowerID: record.lowerID, lowerVersion: record.lowerVersion)) : Self.optional(m.iconUrl)
        case .isLatestVersion: return .bool(version.isLatestVersion(semVer2: semVer2))
        case .isAbsoluteLatestVersion: return .bool(version.isAbsoluteLatestVersion(semVer2: semVer2))
        case .isPrerelease: return .bool(record.isPrerelease)
        case .language: return Self.optional(m.language)
        case .lastUpdated: return .date(record.lastEdited ?? record.created)
        case .published: return .date(record.listed ? record.published : Self.unlistedPublished)
        case .packageHash: return .string(record.packageHash)
        case .packageHashAlgorithm: return .string("SHA512")
        case .packageSize: return .int(record.packageSize)
        case .projectUrl: return Self.optional(m.projectUrl)
        case .reportAbuseUrl: return .string(urls.packageDetails(id: record.id, version: record.normalizedVersion) + "/report")
        case .releaseNotes: return Self.optional(m.releaseNotes)
        case .requireLicenseAcceptance: return .bool(m.requireLicenseAcceptance)
        case .summary: return Self.optional(m.summary)
        case .tags: return m.tags.isEmpty ? .null : .string(" " + m.tags.joined(separator: " ") + " ")
        case .title: return Self.optional(m.title)
        case .versionDownloadCount:
            return .int(Self.int32(downloads?.byLowerVersion[record.lowerVersion] ?? record.downloads))
        case .minClientVersion: return Self.optional(m.minClientVersion)
        case .lastEdited: return record.lastEdited.map(ODataValue.date) ?? .null
        case .licenseUrl:
            if let expression = m.licenseExpression { return .string(urls.licenseExpression(expression)) }
            if m.licenseFile != nil { return .string(urls.licenseFile(lowerID: record.lowerID, lowerVersion: record.lowerVersion)) }
            return Self.optional(m.licenseUrl)
        case .licenseNames: return Self.optional(m.licenseExpression)
        case .licenseReportUrl: return .null
        case .listed: return .bool(record.listed)
        }
    }

    /// V2's `Version`: the nuspec's own spelling for SemVer 1 packages (old clients match it
    /// textually, e.g. `1.0` in packages.config), `full(v)` for SemVer 2 ones (protocol §7).
    static func wireVersion(_ record: PackageVersionRecord) -> String {
        record.isSemVer2 || record.verbatimVersion.isEmpty ? record.version : record.verbatimVersion
    }

    /// Old clients store counts in Int32 and overflow past it (protocol §7).
    static func int32(_ value: Int64) -> Int64 { min(max(value, 0), Int64(Int32.max)) }

    private static func optional(_ text: String?) -> ODataValue {
        guard let text, !text.isEmpty else { return .null }
        return .string(text)
    }

    /// `id:range:tfm|…`; a group without dependencies is `::tfm`; the range is NuGet 2's short
    /// form (`1.0.0` = at least 1.0.0), empty for any version (protocol §7, "Dependencies string").
    static func dependencies(_ groups: [DependencyGroupInfo]) -> String {
        var items: [String] = []
        for group in groups {
            let framework = group.targetFramework ?? ""
            if group.dependencies.isEmpty {
                items.append("::\(framework)")
                continue
            }
            for dependency in group.dependencies {
                items.append("\(dependency.id):\(legacyRange(dependency.range)):\(framework)")
            }
        }
        return items.joined(separator: "|")
    }

    static func legacyRange(_ stored: String) -> String {
        guard !stored.isEmpty, let range = try? VersionRange(parsing: stored) else { return stored }
        if range.minVersion == nil, range.maxVersion == nil, !range.isFloating { return "" }
        return range.legacyShortString
    }
}
