import Gallery
import Testing

@Suite("Search query syntax and parameters")
struct SearchQueryTests {
    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        let q: String
        let terms: [String]
        let filters: [SearchFieldFilter]
        var testDescription: String { "q=\(q)" }
    }

    static let syntaxCases: [SyntaxCase] = [
        .init(q: "json", terms: ["json"], filters: []),
        .init(q: "  json   net ", terms: ["json", "net"], filters: []),
        .init(q: "id:jquery tags:validation", terms: [], filters: [.init(.id, "jquery"), .init(.tags, "validation")]),
        .init(q: "ID:JQuery", terms: [], filters: [.init(.id, "JQuery")]),
        .init(q: "PackageId:Newtonsoft.Json", terms: [], filters: [.init(.packageID, "Newtonsoft.Json")]),
        .init(q: "foo:bar baz", terms: ["baz"], filters: []),
        .init(q: "id:\"a b\" c", terms: ["c"], filters: [.init(.id, "a b")]),
        .init(q: "\"hello world\" x", terms: ["hello world", "x"], filters: []),
        .init(q: "id: version:", terms: [], filters: []),
        .init(q: "title:\"unterminated value", terms: [], filters: [.init(.title, "unterminated value")]),
        .init(
            q: "owner:alice version:1.0 author:bob description:fast summary:tiny title:kit",
            terms: [],
            filters: [
                .init(.owner, "alice"), .init(.version, "1.0"), .init(.author, "bob"),
                .init(.description, "fast"), .init(.summary, "tiny"), .init(.title, "kit"),
            ]
        ),
        .init(q: "http://example.com json", terms: ["json"], filters: []),
    ]

    @Test("q is split into free terms and field filters", arguments: syntaxCases)
    func syntax(_ c: SyntaxCase) {
        let query = SearchQuery(q: c.q)
        #expect(query.terms == c.terms)
        #expect(query.filters == c.filters)
    }

    struct ParameterCase: Sendable, CustomTestStringConvertible {
        let parameters: [String: String]
        let skip: Int, take: Int, prerelease: Bool, semVer2: Bool
        let packageType: String?
        var testDescription: String { parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&") }
    }

    static let parameterCases: [ParameterCase] = [
        .init(parameters: [:], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["take": "5000", "skip": "99999"], skip: 3000, take: 1000, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["take": "0", "skip": ""], skip: 0, take: 0, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["Take": "5", "SKIP": "2"], skip: 2, take: 5, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["take": "99999999999999999999999"], skip: 0, take: 1000, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["prerelease": "TRUE", "semVerLevel": "2.0.0"], skip: 0, take: 20, prerelease: true, semVer2: true, packageType: nil),
        .init(parameters: ["prerelease": "yes", "semVerLevel": "1.0.0"], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["semVerLevel": "2"], skip: 0, take: 20, prerelease: false, semVer2: true, packageType: nil),
        .init(parameters: ["semVerLevel": "abc"], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["packageType": "DotnetTool"], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: "DotnetTool"),
        .init(parameters: ["packageTypes": "DotnetTool"], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: "DotnetTool"),
        .init(parameters: ["packageTypeFilter": "DotnetTool"], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: "DotnetTool"),
        .init(parameters: ["packageType": " "], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: nil),
        .init(parameters: ["includeDelisted": "true", "supportedFramework": "net8.0"], skip: 0, take: 20, prerelease: false, semVer2: false, packageType: nil),
    ]

    @Test("query-string parameters are read with nuget.org's defaults and caps", arguments: parameterCases)
    func parameters(_ c: ParameterCase) throws {
        let query = try SearchQuery(parameters: c.parameters)
        #expect(query.skip == c.skip)
        #expect(query.take == c.take)
        #expect(query.includePrerelease == c.prerelease)
        #expect(query.includeSemVer2 == c.semVer2)
        #expect(query.packageType == c.packageType)
    }

    @Test("q arrives through the parameters too")
    func qParameter() throws {
        let query = try SearchQuery(parameters: [(key: "q", value: "id:json fast")])
        #expect(query.text == "id:json fast")
        #expect(query.terms == ["fast"])
        #expect(query.filters == [.init(.id, "json")])
    }

    @Test(
        "bad numbers are refused with one sentence",
        arguments: [
            (["take": "ten"], "The 'take' parameter must be a whole number, not 'ten'."),
            (["skip": "-1"], "The 'skip' parameter must not be negative."),
            (["take": "1.5"], "The 'take' parameter must be a whole number, not '1.5'."),
            (["skip": "0x10"], "The 'skip' parameter must be a whole number, not '0x10'."),
        ]
    )
    func badNumbers(_ parameters: [String: String], _ message: String) {
        let error = #expect(throws: SearchQueryError.self) { try SearchQuery(parameters: parameters) }
        #expect(error?.message == message)
        #expect(error?.galleryError == .badRequest(message))
    }
}
