public import Foundation

/// What the server needs from an uploaded package, read once at push time.
public struct NupkgContents: Sendable {
    /// The parsed root nuspec.
    public let nuspec: Nuspec
    /// The nuspec bytes as stored in the package (served as `{id}.nuspec` by the flat container).
    public let nuspecData: Data
    /// Every entry path, in archive order.
    public let entries: [String]
    /// True when the root holds `.signature.p7s` (a signed package, §10).
    public let isSigned: Bool
    /// Distinct frameworks of the `lib/` and `ref/` folders, sorted by short folder name. Folders that do not
    /// parse are skipped; a folder holding only `_._` still counts (it declares support with no assets).
    public let libFrameworks: [NuGetFramework]
    /// The `<readme>` file, when the nuspec names one.
    public let readme: Data?
    /// The `<icon>` file, when the nuspec names one.
    public let icon: Data?
    /// The `<license type="file">` file, when the nuspec names one.
    public let licenseFile: Data?
    /// Size of the whole `.nupkg`, in bytes.
    public let packageSize: Int64
    /// SHA-512 of the whole file, base64 (`packageHash` in registration, `PackageHash` in V2).
    public let sha512Base64: String
    /// True for a symbols package: packageType `SymbolsPackage` (`.snupkg`), or the legacy `.symbols.nupkg`
    /// layout NuGet.Server detects (`.pdb` files plus a `src/` folder). A legacy symbols package without
    /// `src/` cannot be told from a normal package by its contents.
    public let isLegacySymbolsPackage: Bool
    /// `.mcp/server.json` of an MCP server package, when present (protocol §13).
    public let mcpServerJSON: Data?

    /// Memberwise initializer (used by `NupkgReader` and by tests that validate hand-built contents).
    public init(
        nuspec: Nuspec, nuspecData: Data, entries: [String], isSigned: Bool, libFrameworks: [NuGetFramework],
        readme: Data?, icon: Data?, licenseFile: Data?, packageSize: Int64, sha512Base64: String,
        isLegacySymbolsPackage: Bool, mcpServerJSON: Data? = nil
    ) {
        self.mcpServerJSON = mcpServerJSON
        self.nuspec = nuspec
        self.nuspecData = nuspecData
        self.entries = entries
        self.isSigned = isSigned
        self.libFrameworks = libFrameworks
        self.readme = readme
        self.icon = icon
        self.licenseFile = licenseFile
        self.packageSize = packageSize
        self.sha512Base64 = sha512Base64
        self.isLegacySymbolsPackage = isLegacySymbolsPackage
    }
}
