import Foundation

/// nuget.org's rules on the license, icon and readme a nuspec names (`PackageMetadataValidationService`).
enum PackageFileRules {
    static let maxFileBytes = 1 << 20

    /// License type, version, expression, file and `licenseUrl` rules; returns the deprecation warning.
    static func checkLicense(_ contents: NupkgContents) throws -> [String] {
        let nuspec = contents.nuspec
        guard let license = nuspec.license else {
            return nuspec.licenseUrl == nil ? [] : ["<licenseUrl> is deprecated; use <license> instead."]
        }
        if let version = license.version, version != "1.0.0" {
            throw PackageValidationError.unsupportedLicenseVersion(version)
        }
        switch license.kind {
        case .expression:
            guard let expression = license.expression else {
                throw PackageValidationError.invalidLicenseExpression(license.value)
            }
            if expression.hasUnknownIdentifier && !expression.isUnlicensed {
                throw PackageValidationError.unknownLicenseIdentifier(license.value)
            }
        case .file:
            let ext = fileExtension(license.value)
            guard ["", "txt", "md"].contains(ext) else {
                throw PackageValidationError.wrongFileExtension(kind: .license, allowed: "a .txt or .md file, or have no extension")
            }
            guard let data = contents.licenseFile else { throw PackageValidationError.missingFile(kind: .license) }
            try checkText(data, kind: .license)
        }
        if let url = nuspec.licenseUrl, !isAllowedLicenseURL(url, for: license) {
            throw PackageValidationError.licenseURLWithLicense
        }
        return []
    }

    /// The deprecation URL, or for an expression the `https://licenses.nuget.org/{expression}` URL that
    /// `nuget pack` 4.9–5.x wrote next to it (NuGetGallery accepts both).
    static func isAllowedLicenseURL(_ url: String, for license: NuspecLicense) -> Bool {
        if url == PackageValidator.deprecatedLicenseURL { return true }
        guard license.kind == .expression else { return false }
        let escaped = license.value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? license.value
        return url == "https://licenses.nuget.org/\(escaped)" || url == "https://licenses.nuget.org/\(license.value)"
    }

    /// `<icon>`: `.png`/`.jpg`/`.jpeg`, ≤ 1 MB, and really a PNG or JPEG (magic bytes).
    static func checkIcon(_ contents: NupkgContents) throws {
        guard let path = contents.nuspec.icon else { return }
        guard ["png", "jpg", "jpeg"].contains(fileExtension(path)) else {
            throw PackageValidationError.wrongFileExtension(kind: .icon, allowed: "a .png, .jpg or .jpeg file")
        }
        guard let data = contents.icon else { throw PackageValidationError.missingFile(kind: .icon) }
        guard data.count <= maxFileBytes else { throw PackageValidationError.fileTooLarge(kind: .icon) }
        let isPNG = data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let isJPEG = data.starts(with: [0xFF, 0xD8, 0xFF])
        guard isPNG || isJPEG else { throw PackageValidationError.iconNotAnImage }
    }

    /// `<readme>`: `.md`, non-empty, ≤ 1 MB, UTF-8.
    static func checkReadme(_ contents: NupkgContents) throws {
        guard let path = contents.nuspec.readme else { return }
        guard fileExtension(path) == "md" else {
            throw PackageValidationError.wrongFileExtension(kind: .readme, allowed: "a .md file")
        }
        guard let data = contents.readme else { throw PackageValidationError.missingFile(kind: .readme) }
        try checkText(data, kind: .readme)
    }

    /// Non-empty, ≤ 1 MB, valid UTF-8 (a BOM is fine).
    static func checkText(_ data: Data, kind: PackageFileKind) throws {
        guard !data.isEmpty else { throw PackageValidationError.emptyFile(kind: kind) }
        guard data.count <= maxFileBytes else { throw PackageValidationError.fileTooLarge(kind: kind) }
        guard String(validating: data, as: UTF8.self) != nil else { throw PackageValidationError.notUTF8Text(kind: kind) }
    }

    /// Lowercased extension of the last path component, "" when there is none.
    static func fileExtension(_ path: String) -> String {
        let name = NupkgEntryPath.fromNuspec(path).split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
