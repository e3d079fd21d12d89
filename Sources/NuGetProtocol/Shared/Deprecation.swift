/// A version's deprecation (protocol §11), in registration's `catalogEntry` and catalog leaves.
public struct Deprecation: Codable, Sendable, Equatable {
    /// At least one of `Legacy`, `CriticalBugs`, `Other` (NuGet.Client treats unknown-only as `Other`).
    public var reasons: [String]
    /// The owner's custom text.
    public var message: String?
    /// The package to use instead.
    public var alternatePackage: AlternatePackage?

    /// Creates a deprecation.
    public init(reasons: [String], message: String? = nil, alternatePackage: AlternatePackage? = nil) {
        self.reasons = reasons
        self.message = message
        self.alternatePackage = alternatePackage
    }
}

/// `deprecation.alternatePackage`.
public struct AlternatePackage: Codable, Sendable, Equatable {
    /// The alternate package id.
    public var id: String
    /// A version range; `*` means any version (nuget.org's value when the owner picks none).
    public var range: String

    /// Creates an alternate package reference.
    public init(id: String, range: String) {
        self.id = id
        self.range = range
    }
}

/// A known vulnerability of a version (registration and catalog shape, protocol §11).
public struct Vulnerability: Codable, Sendable, Equatable {
    /// The advisory's URL.
    public var advisoryUrl: String
    /// A **string** here: `"0"` Low, `"1"` Moderate, `"2"` High, `"3"` Critical.
    public var severity: String

    /// Creates a vulnerability entry.
    public init(advisoryUrl: String, severity: String) {
        self.advisoryUrl = advisoryUrl
        self.severity = severity
    }
}
