extension BlobKey {
    /// The key whose `path` is `path` (as `BlobStore.list` returns it), or nil for a path no key produces:
    /// upload temp files and anything else that is not Pallet's. Used to copy a store key by key.
    public init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let rest = parts.dropFirst().joined(separator: "/")
        let key: BlobKey
        switch parts[0] {
        case "v3" where !rest.isEmpty:
            key = .document(rest)
        case "staging" where !rest.isEmpty:
            key = .staging(rest)
        case "packages" where parts.count == 4:
            let version = PackageVersionKey(lowerID: parts[1], lowerVersion: parts[2])
            let candidates: [BlobKey] = [.nupkg(version), .nuspec(version), .readme(version), .readmeOriginal(version), .icon(version), .licenseFile(version)]
            guard let match = candidates.first(where: { $0.path == path }) else { return nil }
            key = match
        case "upstream" where parts.count == 4 && !parts[3].isEmpty:
            key = .upstream(PackageVersionKey(lowerID: parts[1], lowerVersion: parts[2]), parts[3])
        default:
            return nil
        }
        // Round trip: a path with empty or odd segments must not turn into a different key.
        guard key.path == path else { return nil }
        self = key
    }

    /// Whether the key names a push in progress (never copied: the push either finishes or is swept).
    public var isStaging: Bool {
        if case .staging = self { return true }
        return false
    }
}
