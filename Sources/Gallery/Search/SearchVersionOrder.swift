import NuGetCore

/// Orders versions the way NuGet does (protocol §8, "Ordering"), so "latest" is the highest
/// NuGet version, not the last pushed.
enum SearchVersionOrder {
    /// Records sorted ascending by NuGet version. A version NuGetCore cannot parse (it was
    /// validated at push, so only a corrupt row) sorts by its normalized string, first.
    static func ascending(_ records: [PackageVersionRecord]) -> [PackageVersionRecord] {
        let keyed = records.map { record in (record, try? NuGetVersion(parsing: record.normalizedVersion)) }
        return keyed.sorted { a, b in
            switch (a.1, b.1) {
            case let (x?, y?): x < y
            case (nil, _?): true
            case (_?, nil): false
            case (nil, nil): a.0.normalizedVersion < b.0.normalizedVersion
            }
        }.map(\.0)
    }

    /// `lower(norm(v))` of a version typed by a user (`version:1.0` finds `1.0.0`), or nil.
    static func lowerNormalized(_ typed: String) -> String? {
        (try? NuGetVersion(parsing: typed))?.normalized.lowercased()
    }
}
