extension SearchResponse {
    /// `data[].deprecation` (protocol §11): reasons are `Legacy`, `CriticalBugs`, `Other`.
    public struct Deprecation: Codable, Sendable, Equatable {
        public var reasons: [String]
        public var message: String?
        public var alternatePackage: AlternatePackage?

        /// Creates a deprecation entry.
        public init(reasons: [String], message: String? = nil, alternatePackage: AlternatePackage? = nil) {
            self.reasons = reasons
            self.message = message
            self.alternatePackage = alternatePackage
        }
    }

    /// `{ "id": "…", "range": "[2.0.0, )" }`; a range of `*` means any version.
    public struct AlternatePackage: Codable, Sendable, Equatable {
        public var id: String
        public var range: String

        /// Creates an alternate package reference.
        public init(id: String, range: String) {
            self.id = id
            self.range = range
        }
    }

    /// One advisory of the latest version. Unlike registration, search writes `severity` as an
    /// integer (0 Low, 1 Moderate, 2 High, 3 Critical), protocol §11.
    public struct Vulnerability: Codable, Sendable, Equatable {
        public var advisoryUrl: String
        public var severity: Int

        /// Creates an advisory entry.
        public init(advisoryUrl: String, severity: Int) {
            self.advisoryUrl = advisoryUrl
            self.severity = severity
        }
    }
}
