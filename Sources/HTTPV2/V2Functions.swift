import Gallery

/// Parameter parsing of the V2 functions (protocol §7).
enum V2Functions {
    /// `GetUpdates()`: `packageIds='A|B'`, `versions='1.0|2.0'`, `versionConstraints='|[1,2)'`,
    /// `includePrerelease`, `includeAllVersions`; `targetFrameworks` is accepted (see QUIRKS.md).
    static func updateRequest(_ options: V2QueryOptions) throws(ODataError) -> FeedUpdateRequest {
        func list(_ name: String) throws(ODataError) -> [String] {
            guard let text = try options.string(name), !text.isEmpty else { return [] }
            return text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        }
        _ = try frameworks(options.string("targetFrameworks"))
        return FeedUpdateRequest(
            packageIDs: try list("packageIds"), versions: try list("versions"),
            versionConstraints: try list("versionConstraints"),
            includePrerelease: options.bool("includePrerelease"), includeAllVersions: options.bool("includeAllVersions"),
            semVer2: options.semVer2
        )
    }

    /// `net45|net40`; `''` and VS's `'unsupported'` mean none.
    static func frameworks(_ text: String?) throws(ODataError) -> [String] {
        guard let text, !text.isEmpty, text.lowercased() != "unsupported" else { return [] }
        return text.split(separator: "|").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
