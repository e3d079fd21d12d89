public import HTTPTypes

/// A coarse name for what a request asks for, used as a metric dimension: few enough values that every
/// family × status pair can be a time series, fine enough to tell restores, pushes and pages apart.
public enum RouteFamily: String, Sendable, CaseIterable {
    case serviceIndex = "service_index"
    case flatIndex = "flat_index"
    case packageFile = "package_file"
    case registration
    case search
    case autocomplete
    case catalog
    case vulnerabilities
    case push
    case listing
    case v2Feed = "v2_feed"
    case v2Download = "v2_download"
    case health
    case web
    case other

    /// The family of `path` requested with `method`.
    public init(method: HTTPRequest.Method, path: Substring) {
        self = Self.classify(method: method, path: path)
    }

    private static func classify(method: HTTPRequest.Method, path: Substring) -> RouteFamily {
        if path.hasPrefix("/v3/") {
            let rest = path.dropFirst(4)
            if rest == "index.json" { return .serviceIndex }
            if rest.hasPrefix("flat/") { return rest.hasSuffix("/index.json") ? .flatIndex : .packageFile }
            if rest.hasPrefix("registration") { return .registration }
            if rest.hasPrefix("query") { return .search }
            if rest.hasPrefix("autocomplete") { return .autocomplete }
            if rest.hasPrefix("catalog") { return .catalog }
            if rest.hasPrefix("vulnerabilit") { return .vulnerabilities }
            return .other
        }
        if path.hasPrefix("/api/v2/package") {
            if method == .put { return .push }
            if method == .delete || method == .post { return .listing }
            return .v2Download
        }
        if path.hasPrefix("/api/") { return .v2Feed }
        if path.hasPrefix("/health/") { return .health }
        return .web
    }
}
