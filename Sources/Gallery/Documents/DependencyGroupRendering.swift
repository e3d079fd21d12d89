import NuGetCore
import NuGetProtocol

/// Turns stored dependency groups into their wire shape, shared by registration and the catalog.
///
/// Records keep short folder names (`netstandard2.0`); NuGet's documents use NuGet.Frameworks' full
/// names (`.NETStandard2.0`, `net8.0`), as nuget.org writes them. Names are memoized because a package
/// repeats the same few frameworks across all its versions.
struct DependencyGroupRendering {
    private var frameworkNames: [String: String] = [:]

    /// The wire groups without registration URLs (the catalog's shape); nil when there are none.
    mutating func groups(_ groups: [DependencyGroupInfo]) -> [DependencyGroupDocument]? {
        guard !groups.isEmpty else { return nil }
        return groups.map { group in
            DependencyGroupDocument(
                // The any-framework group has no targetFramework key at all (protocol §4).
                targetFramework: group.targetFramework.map { frameworkName($0) },
                // A group without dependencies means "this framework needs nothing": no key, as nuget.org.
                dependencies: group.dependencies.isEmpty ? nil : group.dependencies.map { dependency in
                    // An absent range means "any version"; NuGet.Client reads `(, )` as VersionRange.All.
                    DependencyDocument(id: dependency.id, range: dependency.range.isEmpty ? "(, )" : dependency.range)
                }
            )
        }
    }

    private mutating func frameworkName(_ shortName: String) -> String {
        if let known = frameworkNames[shortName] { return known }
        // A stored name that no longer parses (never expected) is still better shown than dropped.
        let name = (try? NuGetFramework(parsing: shortName))?.registrationName ?? shortName
        frameworkNames[shortName] = name
        return name
    }
}

extension [DependencyGroupDocument] {
    /// The same groups with each dependency's `registration` pointing into `hive` (protocol §4:
    /// "Dependency `registration` links should point into the same hive").
    func linked(into hive: FeedURLs.Hive, urls: FeedURLs) -> [DependencyGroupDocument] {
        map { group in
            var group = group
            group.dependencies = group.dependencies?.map { dependency in
                var dependency = dependency
                dependency.registration = urls.registrationIndex(hive, lowerID: dependency.id.lowercased())
                return dependency
            }
            return group
        }
    }
}

extension PackageDeprecation {
    /// The wire shape of protocol §11; an alternate package without a range gets `*` (any version).
    var document: Deprecation {
        Deprecation(
            reasons: reasons,
            message: message,
            alternatePackage: alternatePackageID.map { AlternatePackage(id: $0, range: alternatePackageRange ?? "*") }
        )
    }
}
