import Foundation

/// Maps the `XMLNode` tree of a nuspec onto `Nuspec`, element by element.
enum NuspecBuilder {
    static func build(from root: XMLNode) throws -> Nuspec {
        guard root.name == "package" else { throw NuspecError.wrongRootElement(root.name) }
        guard let metadata = root.child("metadata") else { throw NuspecError.missingElement("metadata") }
        // Checked in NuGet's order (id, version) so the first problem is the one reported.
        guard let idText = metadata.childText("id") else { throw NuspecError.missingElement("id") }
        let id = try wrap("<id>", idText) { try PackageID(validating: idText) }
        guard let versionText = metadata.childText("version") else { throw NuspecError.missingElement("version") }
        let version = try wrap("<version>", versionText) { try NuGetVersion(parsing: versionText) }
        // `authors` and `description` are required by `nuget pack` and by our validator, but real packages
        // without them exist (.snupkg files, NuGet.Client's signing fixtures), so reading does not insist.
        let authors = metadata.childText("authors") ?? ""
        let description = metadata.childText("description") ?? ""
        var nuspec = Nuspec(
            id: id, version: version, verbatimVersion: versionText, authors: authors, description: description)
        readTexts(metadata, into: &nuspec)
        nuspec.license = try license(metadata.child("license"))
        nuspec.repository = metadata.child("repository").map {
            NuspecRepository(
                type: $0.attribute("type"), url: $0.attribute("url"),
                branch: $0.attribute("branch"), commit: $0.attribute("commit"))
        }
        nuspec.packageTypes = (metadata.child("packageTypes")?.children ?? [])
            .filter { $0.name == "packageType" }
            .compactMap { node in
                node.attribute("name").map { NuspecPackageType(name: $0, version: node.attribute("version")) }
            }
        nuspec.dependencyGroups = try NuspecDependencyReader.groups(metadata.child("dependencies"))
        nuspec.frameworkAssemblies = try NuspecDependencyReader.frameworkAssemblies(metadata.child("frameworkAssemblies"))
        nuspec.frameworkReferenceGroups = try NuspecDependencyReader.frameworkReferences(
            metadata.child("frameworkReferences"))
        return nuspec
    }

    /// The optional text elements and booleans.
    private static func readTexts(_ metadata: XMLNode, into nuspec: inout Nuspec) {
        nuspec.title = metadata.childText("title")
        nuspec.owners = metadata.childText("owners")
        nuspec.summary = metadata.childText("summary")
        nuspec.releaseNotes = metadata.childText("releaseNotes")
        nuspec.copyright = metadata.childText("copyright")
        nuspec.language = metadata.childText("language")
        nuspec.tags = (metadata.childText("tags") ?? "")
            .split { $0.isWhitespace || $0 == "," }
            .map(String.init)
        nuspec.projectUrl = metadata.childText("projectUrl")
        nuspec.iconUrl = metadata.childText("iconUrl")
        nuspec.icon = metadata.childText("icon")
        nuspec.readme = metadata.childText("readme")
        nuspec.licenseUrl = metadata.childText("licenseUrl")
        nuspec.requireLicenseAcceptance = bool(metadata.childText("requireLicenseAcceptance"))
        nuspec.developmentDependency = bool(metadata.childText("developmentDependency"))
        nuspec.serviceable = bool(metadata.childText("serviceable"))
        nuspec.minClientVersion = metadata.attribute("minClientVersion")
    }

    /// `<license>`; an expression that does not parse is kept with `expression == nil` for the validator.
    private static func license(_ node: XMLNode?) throws -> NuspecLicense? {
        guard let node else { return nil }
        guard node.children.isEmpty else { throw NuspecError.licenseHasChildElements }
        let value = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let typeText = node.attribute("type") ?? ""
        guard let kind = NuspecLicense.Kind(rawValue: typeText) else { throw NuspecError.invalidLicenseType(typeText) }
        let expression = kind == .expression ? try? LicenseExpression(parsing: value) : nil
        return NuspecLicense(kind: kind, value: value, version: node.attribute("version"), expression: expression)
    }

    /// NuGet reads booleans with `XmlConvert`: `true`/`1` are true, anything else false.
    static func bool(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.lowercased() == "true" || text == "1"
    }

    /// Runs a NuGetCore parser, turning its error into `NuspecError.invalidValue` naming the element.
    static func wrap<T>(_ element: String, _ value: String, _ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let error as any NuGetCoreError {
            throw NuspecError.invalidValue(element: element, value: value, reason: error.message)
        }
    }
}
