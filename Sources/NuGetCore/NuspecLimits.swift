/// Caps that keep parsing an uploaded nuspec bounded in time and memory.
///
/// Real nuspecs are a few kilobytes (NETStandard.Library, 25 dependency groups, is 14 KB), so the defaults
/// leave ample room while making hostile documents fail fast.
public struct NuspecLimits: Sendable {
    /// Largest accepted document, in bytes (1 MiB by default).
    public var maxBytes: Int
    /// Most `<dependency>` elements over all groups. nuget.org caps the flattened dependency string at
    /// 32,767 characters, which is roughly 1,000 dependencies.
    public var maxDependencies: Int
    /// Deepest element nesting. A nuspec needs 5 (`package/metadata/dependencies/group/dependency`).
    public var maxDepth: Int
    /// Most elements in the whole document.
    public var maxElements: Int

    /// Creates limits; every value must be positive.
    public init(maxBytes: Int = 1 << 20, maxDependencies: Int = 4_000, maxDepth: Int = 16, maxElements: Int = 50_000) {
        self.maxBytes = maxBytes
        self.maxDependencies = maxDependencies
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    /// The limits used for pushes.
    public static let `default` = NuspecLimits()
}
