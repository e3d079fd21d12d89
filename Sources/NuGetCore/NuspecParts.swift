/// `<license type="expression|file" version="…">value</license>` (NuGet 4.9+).
public struct NuspecLicense: Sendable, Equatable {
    /// The two license kinds NuGet knows.
    public enum Kind: String, Sendable {
        /// An SPDX license expression such as `MIT OR Apache-2.0`.
        case expression
        /// A path to a license file inside the package.
        case file
    }
    /// Expression or file.
    public var kind: Kind
    /// The element's text: the expression, or the file path as written.
    public var value: String
    /// The `version` attribute (only `1.0.0` exists); nil when absent.
    public var version: String?
    /// The parsed expression when `kind == .expression` and it parses; nil otherwise, so validation can
    /// report the problem with the push's other errors.
    public var expression: LicenseExpression?

    /// Creates a license entry.
    public init(kind: Kind, value: String, version: String? = nil, expression: LicenseExpression? = nil) {
        self.kind = kind
        self.value = value
        self.version = version
        self.expression = expression
    }
}

/// `<repository type= url= branch= commit=/>`: where the source lives (shown by nuget.org, used by SourceLink).
public struct NuspecRepository: Sendable, Equatable {
    /// Usually `git`.
    public var type: String?
    /// Repository URL.
    public var url: String?
    /// Branch the package was built from.
    public var branch: String?
    /// Commit the package was built from.
    public var commit: String?

    /// Creates a repository entry.
    public init(type: String? = nil, url: String? = nil, branch: String? = nil, commit: String? = nil) {
        self.type = type
        self.url = url
        self.branch = branch
        self.commit = commit
    }
}

/// `<packageType name= version=/>`, e.g. `DotnetTool`, `Template`, `SymbolsPackage`.
public struct NuspecPackageType: Sendable, Equatable {
    /// The type name, as written.
    public var name: String
    /// Optional version of the package type.
    public var version: String?

    /// Creates a package type entry.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// One `<group targetFramework="…">` of dependencies; a flat list is one group with no framework.
public struct DependencyGroup: Sendable, Equatable {
    /// The group's framework, or nil for "any framework" (flat list or a group without the attribute).
    public var targetFramework: NuGetFramework?
    /// The dependencies, in document order. May be empty: an empty group says "no dependencies on this TFM".
    public var dependencies: [PackageDependency]

    /// Creates a dependency group.
    public init(targetFramework: NuGetFramework?, dependencies: [PackageDependency]) {
        self.targetFramework = targetFramework
        self.dependencies = dependencies
    }
}

/// `<dependency id= version= include= exclude=/>`.
public struct PackageDependency: Sendable, Equatable {
    /// The dependency's package ID.
    public var id: PackageID
    /// Allowed versions; a missing or empty `version` attribute means any version.
    public var range: VersionRange
    /// Asset types to include (`include="Compile,Runtime"`), split on commas.
    public var include: [String]
    /// Asset types to exclude, split on commas.
    public var exclude: [String]

    /// Creates a dependency.
    public init(id: PackageID, range: VersionRange, include: [String] = [], exclude: [String] = []) {
        self.id = id
        self.range = range
        self.include = include
        self.exclude = exclude
    }
}

/// `<frameworkAssembly assemblyName= targetFramework=/>`: a GAC reference for .NET Framework projects.
public struct FrameworkAssembly: Sendable, Equatable {
    /// Assembly name, e.g. `System.Net.Http`.
    public var assemblyName: String
    /// The frameworks it applies to (comma-separated in the attribute); empty means all.
    public var targetFrameworks: [NuGetFramework]

    /// Creates a framework assembly reference.
    public init(assemblyName: String, targetFrameworks: [NuGetFramework] = []) {
        self.assemblyName = assemblyName
        self.targetFrameworks = targetFrameworks
    }
}

/// `<frameworkReferences><group targetFramework=…><frameworkReference name=…/>`: shared frameworks (.NET Core 3+).
public struct FrameworkReferenceGroup: Sendable, Equatable {
    /// The group's framework.
    public var targetFramework: NuGetFramework
    /// Shared framework names, e.g. `Microsoft.AspNetCore.App`.
    public var names: [String]

    /// Creates a framework reference group.
    public init(targetFramework: NuGetFramework, names: [String]) {
        self.targetFramework = targetFramework
        self.names = names
    }
}
