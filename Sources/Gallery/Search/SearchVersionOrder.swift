import NuGetCore

/// Versions as search compares them. The index sorts an id's versions in NuGet's order (protocol §8, "Ordering")
/// with `ParsedVersions.searchOrder`, so "latest" is the highest NuGet version, not the last pushed.
enum SearchVersionOrder {
    /// `lower(norm(v))` of a version typed by a user (`version:1.0` finds `1.0.0`), or nil.
    static func lowerNormalized(_ typed: String) -> String? {
        (try? NuGetVersion(parsing: typed))?.normalized.lowercased()
    }
}
