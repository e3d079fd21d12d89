/// A nuget.org push rule an opened package breaks (NuGetGallery `ManifestValidator` and
/// `PackageMetadataValidationService`, protocol notes §9). Every case is a 400 with its `message`.
public enum PackageValidationError: NuGetCoreError, Equatable {
    /// A nuspec field is longer than nuget.org's column allows.
    case fieldTooLong(field: String, limit: Int)
    /// ID and full version together exceed 160 characters.
    case idAndVersionTooLong
    /// `<description>` is empty.
    case missingDescription
    /// A URL field is not an absolute http or https URL.
    case invalidURL(field: String)
    /// Two dependencies on the same ID in one group.
    case duplicateDependency(id: String)
    /// A dependency range uses `*`, which only project files may.
    case floatingDependencyRange(id: String)
    /// A dependency bound carries `+metadata`.
    case dependencyVersionHasMetadata(id: String)
    /// A dependency bound is SemVer 1 with a label that 2.x clients cannot parse (`1.0.0-1beta`).
    case dependencyVersionNotLegacyCompatible(id: String)
    /// Two dependency groups for the same framework.
    case duplicateDependencyGroup(framework: String)
    /// The package version is SemVer 1 with a label 2.x clients cannot parse (`1.0.0-1beta`).
    case versionNotLegacyCompatible(String)
    /// `minClientVersion` does not parse, or is newer than the server supports.
    case unsupportedMinClientVersion(String)
    /// A symbols package (`.snupkg` or legacy `.symbols.nupkg`) pushed as a package.
    case symbolsPackage
    /// `McpServer` package type without `DotnetTool`.
    case mcpServerRequiresDotnetTool
    /// `.mcp/server.json` longer than 20,000 characters, not UTF-8, or not a JSON object.
    case invalidMCPServerJSON(String)
    /// `<authors>` is missing or empty.
    case missingAuthors
    /// `<license version>` other than 1.0.0.
    case unsupportedLicenseVersion(String)
    /// `<license type="expression">` does not parse.
    case invalidLicenseExpression(String)
    /// The expression names an identifier outside the SPDX list.
    case unknownLicenseIdentifier(String)
    /// `<licenseUrl>` other than the deprecation URL next to `<license>`.
    case licenseURLWithLicense
    /// A named file has the wrong extension.
    case wrongFileExtension(kind: PackageFileKind, allowed: String)
    /// A named file is larger than 1 MB.
    case fileTooLarge(kind: PackageFileKind)
    /// A named file is empty.
    case emptyFile(kind: PackageFileKind)
    /// A named text file is not UTF-8.
    case notUTF8Text(kind: PackageFileKind)
    /// The icon's bytes are not a PNG or JPEG image.
    case iconNotAnImage
    /// A named file is missing from the contents (normally caught by `NupkgReader`).
    case missingFile(kind: PackageFileKind)

    /// The user-facing sentence.
    public var message: String {
        switch self {
        case .fieldTooLong(let field, let limit): return "The nuspec's \(field) is longer than \(limit) characters."
        case .idAndVersionTooLong: return "The package ID and version together are longer than 160 characters."
        case .missingDescription: return "The nuspec has no <description> element."
        case .invalidURL(let field): return "The nuspec's \(field) must be an absolute http or https URL."
        case .duplicateDependency(let id): return "The nuspec lists dependency '\(clip(id))' more than once in a group."
        case .floatingDependencyRange(let id):
            return "The dependency '\(clip(id))' uses a floating version range, which a nuspec cannot contain."
        case .dependencyVersionHasMetadata(let id):
            return "The dependency '\(clip(id))' has a version with build metadata (+…), which is not allowed."
        case .dependencyVersionNotLegacyCompatible(let id):
            return "The dependency '\(clip(id))' has a prerelease label that must start with a letter."
        case .duplicateDependencyGroup(let framework):
            return "The nuspec has more than one dependency group for '\(clip(framework))'."
        case .versionNotLegacyCompatible(let version):
            return "The version '\(clip(version))' has a prerelease label that must start with a letter."
        case .unsupportedMinClientVersion(let version):
            return "The nuspec's minClientVersion '\(clip(version))' is not supported by this server."
        case .symbolsPackage: return "This is a symbols package; push it to the symbol package endpoint."
        case .mcpServerRequiresDotnetTool: return "A package of type McpServer must also be of type DotnetTool."
        case .invalidMCPServerJSON(let why): return "The package's .mcp/server.json \(why)."
        case .missingAuthors: return "The nuspec has no <authors> element."
        case .unsupportedLicenseVersion(let version):
            return "The license version '\(clip(version))' is not supported; use 1.0.0 or omit it."
        case .invalidLicenseExpression(let text): return "The license expression '\(clip(text))' is not valid."
        case .unknownLicenseIdentifier(let text):
            return "The license expression '\(clip(text))' uses a license identifier that is not on the SPDX list."
        case .licenseURLWithLicense:
            return "When <license> is set, <licenseUrl> must be https://aka.ms/deprecateLicenseUrl or absent."
        case .wrongFileExtension(let kind, let allowed): return "The \(kind.rawValue) file must be \(allowed)."
        case .fileTooLarge(let kind): return "The \(kind.rawValue) file is larger than 1 MB."
        case .emptyFile(let kind): return "The \(kind.rawValue) file is empty."
        case .notUTF8Text(let kind): return "The \(kind.rawValue) file is not UTF-8 text."
        case .iconNotAnImage: return "The icon file is not a PNG or JPEG image."
        case .missingFile(let kind): return "The \(kind.rawValue) file named in the nuspec does not exist in the package."
        }
    }

    private func clip(_ text: String) -> String { NuspecError.clip(text) }
}
