import Foundation

/// nuget.org's push rules on an opened package: NuGetGallery's `ManifestValidator` and
/// `PackageMetadataValidationService` (protocol notes §9, "What nuget.org validates on push").
///
/// Structural problems (unsafe paths, duplicate entries, missing named files) were already refused by
/// `NupkgReader`; this checks the metadata and the named files' contents. Errors stop the push; warnings are
/// returned for the server to show (nuget.org prints them after a successful push).
public enum PackageValidator {
    /// The newest `minClientVersion` accepted (nuget.org's supported client at the time of writing).
    public static let maxMinClientVersion = "7.3.1.1"
    /// The only `licenseUrl` allowed next to `<license>` (what `nuget pack` writes).
    public static let deprecatedLicenseURL = "https://aka.ms/deprecateLicenseUrl"

    /// Checks every rule in nuget.org's order and throws the first failure.
    /// - Returns: Warnings (deprecated `licenseUrl`, non-https repository URL).
    /// - Throws: `PackageValidationError`.
    public static func validate(_ contents: NupkgContents) throws -> [String] {
        let nuspec = contents.nuspec
        guard !contents.isLegacySymbolsPackage else { throw PackageValidationError.symbolsPackage }
        try checkLengths(nuspec)
        guard !nuspec.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PackageValidationError.missingDescription
        }
        guard !nuspec.authors.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PackageValidationError.missingAuthors
        }
        if !nuspec.version.isSemVer2 && !nuspec.version.isLegacyClientCompatible {
            throw PackageValidationError.versionNotLegacyCompatible(nuspec.verbatimVersion)
        }
        for (field, value) in [("projectUrl", nuspec.projectUrl), ("iconUrl", nuspec.iconUrl),
                               ("licenseUrl", nuspec.licenseUrl)] {
            if let value, !isHTTPURL(value) { throw PackageValidationError.invalidURL(field: field) }
        }
        try PackageDependencyRules.check(nuspec.dependencyGroups)
        try checkMinClientVersion(nuspec.minClientVersion)
        let typeNames = Set(nuspec.packageTypes.map { $0.name.lowercased() })
        if typeNames.contains("mcpserver") && !typeNames.contains("dotnettool") {
            throw PackageValidationError.mcpServerRequiresDotnetTool
        }
        try PackageFileRules.checkMCPServerJSON(contents)
        var warnings = try PackageFileRules.checkLicense(contents)
        // nuget.org refuses U+FFFD ("invalid unicode characters"), but packages it accepted years ago carry it
        // (text mis-decoded by old tools), so we only warn.
        let texts = [nuspec.title, nuspec.description, nuspec.summary, nuspec.releaseNotes, nuspec.copyright, nuspec.authors]
        if texts.contains(where: { $0?.contains("\u{FFFD}") == true }) {
            warnings.append("The nuspec contains U+FFFD replacement characters; check its text encoding.")
        }
        try PackageFileRules.checkIcon(contents)
        try PackageFileRules.checkReadme(contents)
        if let url = nuspec.repository?.url, !url.lowercased().hasPrefix("https://"),
           !(nuspec.repository?.type?.lowercased() == "git" && url.lowercased().hasPrefix("git://")) {
            warnings.append("The repository URL should be an https:// URL.")
        }
        return warnings
    }

    /// nuget.org's column sizes (NuGetGallery `PackageMetadata` / `ManifestValidator`).
    static func checkLengths(_ nuspec: Nuspec) throws {
        let limits: [(String, String?, Int)] = [
            ("<version>", nuspec.verbatimVersion, 64), ("<title>", nuspec.title, 256),
            ("<description>", nuspec.description, 4_000), ("<authors>", nuspec.authors, 4_000),
            ("<summary>", nuspec.summary, 4_000), ("<releaseNotes>", nuspec.releaseNotes, 35_000),
            ("<copyright>", nuspec.copyright, 4_000), ("<language>", nuspec.language, 20),
            ("<tags>", nuspec.tags.joined(separator: " "), 4_000), ("<projectUrl>", nuspec.projectUrl, 4_000),
            ("<iconUrl>", nuspec.iconUrl, 4_000), ("<licenseUrl>", nuspec.licenseUrl, 4_000),
            ("<license>", nuspec.license?.value, 500), ("<repository> type", nuspec.repository?.type, 100),
            ("<repository> url", nuspec.repository?.url, 4_000),
        ]
        for (field, value, limit) in limits where (value?.count ?? 0) > limit {
            throw PackageValidationError.fieldTooLong(field: field, limit: limit)
        }
        if nuspec.id.original.count + nuspec.version.full.count > 160 {
            throw PackageValidationError.idAndVersionTooLong
        }
    }

    /// `minClientVersion` must parse and not exceed `maxMinClientVersion`.
    static func checkMinClientVersion(_ text: String?) throws {
        guard let text else { return }
        guard let version = try? NuGetVersion(parsing: text),
              let max = try? NuGetVersion(parsing: maxMinClientVersion), version <= max else {
            throw PackageValidationError.unsupportedMinClientVersion(text)
        }
    }

    /// Absolute `http`/`https` URL with a host, as nuget.org's `Uri.TryCreate(…, Absolute)` check demands.
    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host else { return false }
        return !host.isEmpty
    }
}
