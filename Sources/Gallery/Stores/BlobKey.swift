/// The name of a blob. Each key knows its path, so the layout lives in one place.
///
/// Package files use the flat-container layout (`{lowerid}/{lowerversion}/...`), which lets
/// nginx or a CDN serve the blob folder directly.
public enum BlobKey: Hashable, Sendable, CustomStringConvertible {
    /// The `.nupkg` exactly as pushed.
    case nupkg(PackageVersionKey)
    /// The nuspec extracted from the package.
    case nuspec(PackageVersionKey)
    /// The embedded readme.
    case readme(PackageVersionKey)
    /// The README packed in the `.nupkg`, kept aside while an owner's replacement is stored at `readme`
    /// (the Manage page's Documentation section), so "Revert" can bring it back.
    case readmeOriginal(PackageVersionKey)
    /// The embedded icon.
    case icon(PackageVersionKey)
    /// The embedded license file.
    case licenseFile(PackageVersionKey)
    /// A rendered read document, by its URL path below `/v3/` (`flat/x/index.json`).
    case document(String)
    /// A file staged by a push in progress.
    case staging(String)
    /// A file of an upstream package kept by the pull-through cache (`{id}.{version}.nupkg`, `{id}.nuspec`,
    /// or the cache's own `origin.json`/`pinned`), shared by every node that uses the store.
    case upstream(PackageVersionKey, String)

    /// The relative path of the blob inside the store.
    public var path: String {
        switch self {
        case .nupkg(let k): "packages/\(k.lowerID)/\(k.lowerVersion)/\(k.lowerID).\(k.lowerVersion).nupkg"
        case .nuspec(let k): "packages/\(k.lowerID)/\(k.lowerVersion)/\(k.lowerID).nuspec"
        case .readme(let k): "packages/\(k.lowerID)/\(k.lowerVersion)/readme"
        case .readmeOriginal(let k): "packages/\(k.lowerID)/\(k.lowerVersion)/readme.original"
        case .icon(let k): "packages/\(k.lowerID)/\(k.lowerVersion)/icon"
        case .licenseFile(let k): "packages/\(k.lowerID)/\(k.lowerVersion)/license"
        case .document(let p): "v3/\(p)"
        case .staging(let name): "staging/\(name)"
        case .upstream(let k, let name): "upstream/\(k.lowerID)/\(k.lowerVersion)/\(name)"
        }
    }

    /// Whether the blob can be rebuilt from the metadata store (rendered documents): stores may skip
    /// flushing it to stable storage. Only a power loss can then lose one, and `pallet serve` re-renders
    /// an id whenever its dirty mark survived; package files are always flushed.
    public var isRebuildable: Bool {
        if case .document = self { return true }
        return false
    }

    public var description: String { path }
}
