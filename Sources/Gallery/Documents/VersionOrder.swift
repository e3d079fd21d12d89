import NuGetCore

extension Array where Element == PackageVersionRecord {
    /// The available (listed and unlisted) versions, ascending in NuGet's version order (protocol §8).
    ///
    /// Each version is parsed once, so sorting 1,000 versions costs n log n comparisons of parsed values.
    /// A record whose stored version no longer parses (never expected) sorts after the rest, by string,
    /// rather than dropping out of restore.
    func availableInNuGetOrder() -> [PackageVersionRecord] {
        let keyed = filter { $0.state == .available }.map { record in
            (record: record, version: try? NuGetVersion(parsing: record.normalizedVersion))
        }
        return keyed.sorted { left, right in
            switch (left.version, right.version) {
            case let (l?, r?):
                l == r ? left.record.lowerVersion < right.record.lowerVersion : l < r
            case (.some, .none): true
            case (.none, .some): false
            case (.none, .none): left.record.lowerVersion < right.record.lowerVersion
            }
        }.map(\.record)
    }
}
