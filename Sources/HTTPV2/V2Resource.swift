import Foundation

/// What the last path segment under `/api/v2/` names (protocol §7, "Endpoints").
///
/// OData resource paths are not plain segments (`Packages(Id='X',Version='1.0')`), so one route
/// takes the segment and this parses it. Names match case-insensitively; clients may percent-encode
/// the quotes and parentheses.
enum V2Resource: Equatable {
    case metadata
    /// `Packages` or `Packages()`.
    case packages
    /// `Packages(Id='…',Version='…')`.
    case package(id: String, version: String)
    case search
    case findPackagesByID
    case getUpdates

    init?(segment raw: String) throws(ODataError) {
        let segment = raw.removingPercentEncodingIfPossible()
        let open = segment.firstIndex(of: "(")
        let name = String(open.map { segment[..<$0] } ?? segment[...]).lowercased()
        var arguments = ""
        if let open {
            guard segment.hasSuffix(")") else { return nil }
            arguments = String(segment[segment.index(after: open)..<segment.index(before: segment.endIndex)])
        }
        switch name {
        case "$metadata" where open == nil: self = .metadata
        case "packages" where arguments.trimmingSpaces().isEmpty: self = .packages
        case "packages": self = try Self.key(arguments)
        case "search" where arguments.isEmpty: self = .search
        case "findpackagesbyid" where arguments.isEmpty: self = .findPackagesByID
        case "getupdates" where arguments.isEmpty: self = .getUpdates
        default: return nil
        }
    }

    /// The feed title nuget.org gives a function's answer.
    var title: String {
        switch self {
        case .search: "Search"
        case .findPackagesByID: "FindPackagesById"
        case .getUpdates: "GetUpdates"
        default: "Packages"
        }
    }

    /// The self path written into the feed.
    var path: String {
        switch self {
        case .search: "Search()"
        case .findPackagesByID: "FindPackagesById()"
        case .getUpdates: "GetUpdates()"
        default: "Packages"
        }
    }

    /// `Id='X',Version='Y'` in either order.
    private static func key(_ arguments: String) throws(ODataError) -> V2Resource {
        var id: String?, version: String?
        for part in ODataOrderBy.splitTopLevel(arguments) {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pair.count == 2 else { throw .invalid("'\(arguments)' is not a package key of the form Id='…',Version='…'.") }
            switch pair[0].lowercased() {
            case "id": id = try ODataLexer.stringParameter(pair[1])
            case "version": version = try ODataLexer.stringParameter(pair[1])
            default: throw .invalid("'\(pair[0])' is not part of a package key.")
            }
        }
        guard let id, let version else { throw .invalid("'\(arguments)' is not a package key of the form Id='…',Version='…'.") }
        return .package(id: id, version: version)
    }
}

extension String {
    func removingPercentEncodingIfPossible() -> String {
        contains("%") ? (removingPercentEncoding ?? self) : self
    }
}
