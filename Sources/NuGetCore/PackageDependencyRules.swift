/// nuget.org's rules on `<dependencies>` (NuGetGallery `ManifestValidator`).
enum PackageDependencyRules {
    /// Longest flattened dependency string nuget.org stores (`id:range:tfm|…`).
    static let maxFlattenedLength = 32_767

    static func check(_ groups: [DependencyGroup]) throws {
        var frameworks = Set<String>()
        var flattenedLength = 0
        for group in groups {
            let framework = group.targetFramework?.shortFolderName ?? ""
            guard frameworks.insert(framework).inserted else {
                throw PackageValidationError.duplicateDependencyGroup(framework: framework.isEmpty ? "any" : framework)
            }
            var ids = Set<PackageID>()
            for dependency in group.dependencies {
                let id = dependency.id.original
                guard ids.insert(dependency.id).inserted else { throw PackageValidationError.duplicateDependency(id: id) }
                if dependency.range.normalized.count > 256 {
                    throw PackageValidationError.fieldTooLong(field: "<dependency> version", limit: 256)
                }
                guard !dependency.range.isFloating else { throw PackageValidationError.floatingDependencyRange(id: id) }
                for bound in [dependency.range.minVersion, dependency.range.maxVersion].compactMap({ $0 }) {
                    guard bound.metadata == nil else { throw PackageValidationError.dependencyVersionHasMetadata(id: id) }
                    if !bound.isSemVer2 && !bound.isLegacyClientCompatible {
                        throw PackageValidationError.dependencyVersionNotLegacyCompatible(id: id)
                    }
                }
                flattenedLength += id.count + dependency.range.normalized.count + framework.count + 3
            }
        }
        if flattenedLength > maxFlattenedLength {
            throw PackageValidationError.fieldTooLong(field: "<dependencies>", limit: maxFlattenedLength)
        }
    }
}
