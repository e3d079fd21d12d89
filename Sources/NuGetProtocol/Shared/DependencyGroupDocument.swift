/// A dependency group of registration's `catalogEntry` and of catalog leaves (protocol §4).
public struct DependencyGroupDocument: Codable, Sendable, Equatable {
    /// NuGet.Frameworks' full name (`.NETStandard2.0`, `net8.0`); absent for the any-framework group.
    public var targetFramework: String?
    /// Omitted when the group declares no dependencies ("this framework needs nothing").
    public var dependencies: [DependencyDocument]?

    /// Creates a group; pass nil (not `[]`) for a group without dependencies.
    public init(targetFramework: String?, dependencies: [DependencyDocument]?) {
        self.targetFramework = targetFramework
        self.dependencies = dependencies
    }
}

/// One dependency of a group.
public struct DependencyDocument: Codable, Sendable, Equatable {
    /// The dependency's id as authored (required).
    public var id: String
    /// Normalized version range (`[1.0.0, )`); `(, )` when the nuspec gave none.
    public var range: String
    /// Registration index URL of the dependency in the same hive; absent in catalog leaves.
    public var registration: String?

    /// Creates a dependency.
    public init(id: String, range: String, registration: String? = nil) {
        self.id = id
        self.range = range
        self.registration = registration
    }
}
