import Foundation

/// The query string of a V2 request: OData system options (`$filter`, `$orderby`, `$skip`, `$top`,
/// `$select`, `$inlinecount`, `$skiptoken`), `semVerLevel`, and function parameters.
///
/// Parameter names match case-insensitively (ASP.NET binding on nuget.org). Values are percent-decoded
/// once, with `+` read as a space (ASP.NET's form decoding; clients encode a literal `+` as `%2B`).
public struct V2QueryOptions: Sendable {
    /// Every parameter in order, decoded.
    public let parameters: [(name: String, value: String)]
    public let filter: ODataFilter?
    public let orderBy: ODataOrderBy?
    public let skip: Int
    public let top: Int?
    /// `$inlinecount=allpages`: the feed carries `<m:count>`.
    public let inlineCount: Bool
    /// `$skiptoken=Id='…',Version='…'`: continue after that entry (nuget.org's next-link form).
    public let skipToken: (id: String, version: String)?
    /// `semVerLevel=2.0.0` or higher: SemVer 2.0.0 packages are shown.
    public let semVer2: Bool

    /// Parses a raw (still percent-encoded) query string.
    public init(query: String?) throws(ODataError) {
        var parameters: [(name: String, value: String)] = []
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
        self.parameters = parameters
        func value(_ name: String) -> String? { parameters.last { $0.name.lowercased() == name }?.value }
        if let text = value("$filter"), !text.trimmingSpaces().isEmpty {
            filter = try ODataFilter(parsing: text)
        } else {
            filter = nil
        }
        if let text = value("$orderby"), !text.trimmingSpaces().isEmpty {
            orderBy = try ODataOrderBy(parsing: text)
        } else {
            orderBy = nil
        }
        skip = try Self.whole(value("$skip"), name: "$skip") ?? 0
        top = try Self.whole(value("$top"), name: "$top")
        inlineCount = value("$inlinecount")?.lowercased() == "allpages"
        if let text = value("$skiptoken") { skipToken = try Self.skipToken(text) } else { skipToken = nil }
        let level = value("semverlevel")?.trimmingSpaces().prefix { $0.isASCII && $0.isNumber } ?? ""
        semVer2 = (Int(level) ?? 0) >= 2
    }

    /// A function parameter (`searchTerm`, `id`, `packageIds`) as an unquoted OData string; nil when absent.
    public func string(_ name: String) throws(ODataError) -> String? {
        guard let raw = parameters.last(where: { $0.name.lowercased() == name.lowercased() })?.value else { return nil }
        return try ODataLexer.stringParameter(raw)
    }

    /// A boolean function parameter (`includePrerelease=true`); absent or anything but `true` is false.
    public func bool(_ name: String) -> Bool {
        guard let raw = parameters.last(where: { $0.name.lowercased() == name.lowercased() })?.value else { return false }
        let text = raw.trimmingSpaces().lowercased()
        return text == "true" || text == "'true'"
    }

    /// The query string with `$skip`/`$top`/`$skiptoken` replaced, for a next link.
    func nextQuery(skip: Int, top: Int?) -> String {
        var kept = parameters.filter { !["$skip", "$top", "$skiptoken"].contains($0.name.lowercased()) }
        kept.append(("$skip", String(skip)))
        if let top { kept.append(("$top", String(top))) }
        return kept.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Percent-encodes everything but unreserved characters and the OData punctuation clients send raw.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~$'(),:|")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func whole(_ text: String?, name: String) throws(ODataError) -> Int? {
        guard let text = text?.trimmingSpaces(), !text.isEmpty else { return nil }
        guard let number = Int(text), number >= 0 else {
            throw .invalid("The \(name) option must be a whole number, not '\(text)'.")
        }
        return number
    }

    private static func skipToken(_ text: String) throws(ODataError) -> (id: String, version: String) {
        var id: String?, version: String?
        for part in ODataOrderBy.splitTopLevel(text) {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "id": id = try ODataLexer.stringParameter(pair[1])
            case "version": version = try ODataLexer.stringParameter(pair[1])
            default: continue
            }
        }
        guard let id, let version else { throw .invalid("The $skiptoken '\(text)' is not of the form Id='…',Version='…'.") }
        return (id, version)
    }
}
