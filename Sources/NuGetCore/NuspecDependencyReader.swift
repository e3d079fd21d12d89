import Foundation

/// Reads `<dependencies>`, `<frameworkAssemblies>` and `<frameworkReferences>`.
enum NuspecDependencyReader {
    /// `<dependencies>`: either flat `<dependency>` children (one framework-less group) or `<group>`s, never both
    /// (NuGet's `NuspecReader` throws on the mix).
    static func groups(_ node: XMLNode?) throws -> [DependencyGroup] {
        guard let node else { return [] }
        let flat = node.children.filter { $0.name == "dependency" }
        let grouped = node.children.filter { $0.name == "group" }
        if !flat.isEmpty && !grouped.isEmpty { throw NuspecError.mixedDependencyLayout }
        if !flat.isEmpty {
            return [DependencyGroup(targetFramework: nil, dependencies: try flat.map(dependency))]
        }
        return try grouped.map { group in
            DependencyGroup(
                targetFramework: groupFramework(group.attribute("targetFramework")),
                dependencies: try group.children.filter { $0.name == "dependency" }.map(dependency))
        }
    }

    /// One `<dependency>`: the id is required and validated; an absent or empty version means any version.
    static func dependency(_ node: XMLNode) throws -> PackageDependency {
        let idText = node.attributes["id"] ?? ""
        let id = try NuspecBuilder.wrap("<dependency> id", idText) { try PackageID(validating: idText) }
        let range: VersionRange
        if let rangeText = node.attribute("version") {
            range = try NuspecBuilder.wrap("<dependency> version", rangeText) { try VersionRange(parsing: rangeText) }
        } else {
            range = VersionRange.all
        }
        return PackageDependency(
            id: id, range: range, include: list(node.attribute("include")), exclude: list(node.attribute("exclude")))
    }

    /// `<frameworkAssembly assemblyName= targetFramework="net40, net45"/>`.
    static func frameworkAssemblies(_ node: XMLNode?) throws -> [FrameworkAssembly] {
        guard let node else { return [] }
        return try node.children.filter { $0.name == "frameworkAssembly" }.compactMap { assembly in
            guard let name = assembly.attribute("assemblyName") else { return nil }
            let frameworks = try list(assembly.attribute("targetFramework")).map {
                try NuspecBuilder.wrap("<frameworkAssembly> targetFramework", $0) { [value = $0] in
                    try NuGetFramework(parsing: value)
                }
            }
            return FrameworkAssembly(assemblyName: name, targetFrameworks: frameworks)
        }
    }

    /// `<frameworkReferences><group targetFramework=…><frameworkReference name=…/></group>`.
    static func frameworkReferences(_ node: XMLNode?) throws -> [FrameworkReferenceGroup] {
        guard let node else { return [] }
        return try node.children.filter { $0.name == "group" }.map { group in
            let framework = try framework(group.attribute("targetFramework"), element: "<frameworkReferences> group")
            return FrameworkReferenceGroup(
                targetFramework: framework ?? NuGetFramework.any,
                names: group.children.filter { $0.name == "frameworkReference" }.compactMap { $0.attribute("name") })
        }
    }

    /// A dependency group's framework. NuGet reads a name it does not know as the `Unsupported` framework
    /// rather than failing (simpleinjector 3.1.2 on nuget.org has a `Unsupported0.0` group), so we do too.
    static func groupFramework(_ text: String?) -> NuGetFramework? {
        guard let text else { return nil }
        return (try? NuGetFramework(parsing: text)) ?? NuGetFramework(identifier: "Unsupported")
    }

    /// Parses an optional framework attribute; absent or blank means "any".
    static func framework(_ text: String?, element: String) throws -> NuGetFramework? {
        guard let text else { return nil }
        return try NuspecBuilder.wrap(element, text) { try NuGetFramework(parsing: text) }
    }

    /// Comma-separated attribute values, trimmed, empties dropped.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
