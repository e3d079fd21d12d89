/// Caps that keep opening an uploaded `.nupkg` bounded in time and memory, whatever its headers claim.
public struct NupkgLimits: Sendable {
    /// Most zip entries; nuget.org's `PackageMetadataValidationService` allows 65,534.
    public var maxEntries: Int
    /// Most bytes any one entry may inflate to, counted while inflating (headers can lie).
    public var maxEntryUncompressedBytes: Int64
    /// Most bytes all entries together may inflate to.
    public var maxTotalUncompressedBytes: Int64
    /// Largest accepted nuspec entry; also the nuspec parser's `maxBytes`.
    public var maxNuspecBytes: Int
    /// Largest embedded readme (nuget.org: 1 MB).
    public var maxReadmeBytes: Int
    /// Largest embedded icon (nuget.org: 1 MB).
    public var maxIconBytes: Int
    /// Largest embedded license file (nuget.org: 1 MB).
    public var maxLicenseBytes: Int
    /// Longest entry path, in characters. nuget.org refuses paths that normalize past Windows' 260 (`MAX_PATH`).
    public var maxEntryPathLength: Int
    /// Caps for the nuspec's XML (its `maxBytes` is replaced by `maxNuspecBytes`).
    public var nuspec: NuspecLimits

    /// Creates limits; the defaults are nuget.org's where it has one.
    public init(
        maxEntries: Int = 65_534,
        maxEntryUncompressedBytes: Int64 = 1 << 30,
        maxTotalUncompressedBytes: Int64 = 2 << 30,
        maxNuspecBytes: Int = 1 << 20,
        maxReadmeBytes: Int = 1 << 20,
        maxIconBytes: Int = 1 << 20,
        maxLicenseBytes: Int = 1 << 20,
        maxEntryPathLength: Int = 260,
        nuspec: NuspecLimits = .default
    ) {
        self.maxEntries = maxEntries
        self.maxEntryUncompressedBytes = maxEntryUncompressedBytes
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxNuspecBytes = maxNuspecBytes
        self.maxReadmeBytes = maxReadmeBytes
        self.maxIconBytes = maxIconBytes
        self.maxLicenseBytes = maxLicenseBytes
        self.maxEntryPathLength = maxEntryPathLength
        self.nuspec = nuspec
    }

    /// The limits used for pushes.
    public static let `default` = NupkgLimits()
}
