import Foundation
import Gallery
import NuGetCore

/// One version as the V2 feed shows it: the in-memory summary, its flags at the request's SemVer level, its
/// download counts, and (read from the store when needed) its whole record, with every `V2FeedPackage`
/// property derivable from them.
struct V2Row: Sendable {
    let version: FeedVersion
    let semVer2: Bool
    /// nil until needed; set for rendered entries and for queries that read downloads.
    var downloads: FeedDownloads?
    /// nil until needed; set for rendered entries and for queries that read a property the summary lacks
    /// (`V2Property.needsRecord`).
    var record: PackageVersionRecord? {
        get { held?.record }
        set { held = newValue.map(HeldRecord.init) }
    }
    /// Boxed: a query over every version makes a row per version, and a record inline is most of a row's size.
    private var held: HeldRecord?
    /// The `$orderby` keys, evaluated while the record was at hand (a query ordering on a record-only property).
    var sortKeys: [ODataValue]?

    init(version: FeedVersion, semVer2: Bool) {
        self.version = version
        self.semVer2 = semVer2
    }

    var summary: VersionSummary { version.summary }

    /// nuget.exe 2.x and NuGet.Client read `Published` ≤ 1901 as unlisted (protocol §7).
    static let unlistedPublished = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z

    /// The value of a property for filtering, ordering and rendering. Properties the summary lacks are null
    /// until `record` is set.
    func value(_ property: V2Property, urls: FeedURLs) -> ODataValue {
        let v = summary, texts = v.texts
        switch property {
        case .id: return .string(texts.id)
        case .version: return .version(version.parsed, Self.wireVersion(v))
        case .normalizedVersion: return .version(version.parsed, v.normalizedVersion)
        case .authors: return .string(texts.authors)
        case .created: return .date(v.created)
        case .description: return .string(texts.description)
        case .downloadCount: return .int(Self.int32(downloads?.total ?? v.downloads))
        case .galleryDetailsUrl: return .string(urls.packageDetails(id: texts.id, version: v.normalizedVersion))
        case .isLatestVersion: return .bool(version.isLatestVersion(semVer2: semVer2))
        case .isAbsoluteLatestVersion: return .bool(version.isAbsoluteLatestVersion(semVer2: semVer2))
        case .isPrerelease: return .bool(v.isPrerelease)
        case .lastUpdated: return .date(v.lastEdited ?? v.created)
        case .published: return .date(v.listed ? v.published : Self.unlistedPublished)
        case .packageHashAlgorithm: return .string("SHA512")
        case .packageSize: return .int(v.packageSize)
        case .reportAbuseUrl: return .string(urls.packageDetails(id: texts.id, version: v.normalizedVersion) + "/report")
        case .summary: return Self.optional(texts.summary)
        case .tags: return texts.tags.isEmpty ? .null : .string(" " + texts.tags.joined(separator: " ") + " ")
        case .title: return Self.optional(texts.title)
        case .versionDownloadCount:
            return .int(Self.int32(downloads?.byLowerVersion[version.lowerVersion] ?? v.downloads))
        case .lastEdited: return v.lastEdited.map(ODataValue.date) ?? .null
        case .licenseReportUrl: return .null
        case .listed: return .bool(v.listed)
        case .copyright, .dependencies, .iconUrl, .language, .packageHash, .projectUrl, .releaseNotes,
             .requireLicenseAcceptance, .minClientVersion, .licenseUrl, .licenseNames:
            guard let record else { return .null }
            return Self.recordValue(property, record, urls: urls)
        }
    }

    /// The properties only the whole record holds (`V2Property.needsRecord`).
    static func recordValue(_ property: V2Property, _ record: PackageVersionRecord, urls: FeedURLs) -> ODataValue {
        let m = record.metadata
        switch property {
        case .copyright: return optional(m.copyright)
        case .dependencies: return .string(dependencies(m.dependencyGroups))
        case .iconUrl: return m.hasIcon
            ? .string(urls.icon(lowerID: record.lowerID, lowerVersion: record.lowerVersion)) : optional(m.iconUrl)
        case .language: return optional(m.language)
        case .packageHash: return .string(record.packageHash)
        case .projectUrl: return optional(m.projectUrl)
        case .releaseNotes: return optional(m.releaseNotes)
        case .requireLicenseAcceptance: return .bool(m.requireLicenseAcceptance)
        case .minClientVersion: return optional(m.minClientVersion)
        case .licenseUrl:
            if let expression = m.licenseExpression { return .string(urls.licenseExpression(expression)) }
            if m.licenseFile != nil { return .string(urls.licenseFile(lowerID: record.lowerID, lowerVersion: record.lowerVersion)) }
            return optional(m.licenseUrl)
        case .licenseNames: return optional(m.licenseExpression)
        default: return .null
        }
    }

    /// V2's `Version`: the nuspec's own spelling for SemVer 1 packages (old clients match it
    /// textually, e.g. `1.0` in packages.config), `full(v)` for SemVer 2 ones (protocol §7).
    static func wireVersion(_ summary: VersionSummary) -> String {
        summary.isSemVer2 || summary.verbatimVersion.isEmpty ? summary.version : summary.verbatimVersion
    }

    /// Old clients store counts in Int32 and overflow past it (protocol §7).
    static func int32(_ value: Int64) -> Int64 { min(max(value, 0), Int64(Int32.max)) }

    static func optional(_ text: String?) -> ODataValue {
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

/// A record kept by reference in a `V2Row`.
private final class HeldRecord: Sendable {
    let record: PackageVersionRecord

    init(_ record: PackageVersionRecord) {
        self.record = record
    }
}
