/// The flat container's `{lower(id)}/index.json` (protocol §3).
public struct FlatContainerVersions: Codable, Sendable, Equatable {
    /// Every downloadable version, listed and unlisted, as `lower(norm(v))`, ascending in NuGet order.
    public var versions: [String]

    /// Creates the version list.
    public init(versions: [String]) {
        self.versions = versions
    }
}
