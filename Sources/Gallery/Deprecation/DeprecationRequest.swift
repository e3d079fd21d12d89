public import NuGetCore

/// An owner's request to deprecate (or un-deprecate) versions of one package, as nuget.org's manage page
/// and `PUT /api/v2/package/{id}/deprecations` take it.
public struct DeprecationRequest: Sendable, Equatable {
    /// nuget.org's three reasons; none at all means un-deprecate.
    public enum Reason: String, Sendable, CaseIterable {
        case legacy = "Legacy"
        case criticalBugs = "CriticalBugs"
        case other = "Other"
    }

    /// nuget.org's `listedVerb`.
    public enum Listing: String, Sendable, CaseIterable {
        case unchanged = "Unchanged"
        case unlist = "Unlist"
        case relist = "Relist"

        /// The listing to store: nil leaves it alone.
        var listed: Bool? {
            switch self {
            case .unchanged: nil
            case .unlist: false
            case .relist: true
            }
        }
    }

    /// The versions to change (at least one).
    public var versions: [NuGetVersion]
    /// Empty: un-deprecate.
    public var reasons: Set<Reason>
    public var message: String?
    /// The package to use instead; it must exist in this feed.
    public var alternatePackageID: PackageID?
    /// A version of the alternate package that must exist; nil means any version (`*`).
    public var alternatePackageVersion: NuGetVersion?
    public var listing: Listing

    /// The longest custom message accepted (nuget.org's column size).
    public static let maximumMessageLength = 4000

    /// Creates a request.
    public init(
        versions: [NuGetVersion], reasons: Set<Reason>, message: String? = nil, alternatePackageID: PackageID? = nil,
        alternatePackageVersion: NuGetVersion? = nil, listing: Listing = .unchanged
    ) {
        self.versions = versions
        self.reasons = reasons
        self.message = message
        self.alternatePackageID = alternatePackageID
        self.alternatePackageVersion = alternatePackageVersion
        self.listing = listing
    }

    /// The reasons in protocol order (`Legacy`, `CriticalBugs`, `Other`), as NuGet clients show them.
    var orderedReasons: [String] { Reason.allCases.filter(reasons.contains).map(\.rawValue) }
}
