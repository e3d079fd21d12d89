@testable import HTTPV2
import Testing

/// The `$filter` subset over the query strings NuGet clients really send (protocol §7).
@Suite("OData $filter parser")
struct ODataFilterTests {
    @Test("queries NuGet clients send parse", arguments: [
        // nuget.exe 6 `list` and nuget.exe 2.x `list`
        "IsLatestVersion",
        "IsAbsoluteLatestVersion",
        // NuGet.Client V2 fallback list
        "((Id ne null) and substringof('x',tolower(Id))) or ((Description ne null) and substringof('x',tolower(Description))) or ((Tags ne null) and substringof(' x ',tolower(Tags)))",
        // fallback when FindPackagesById is not in $metadata
        "tolower(Id) eq 'x'",
        "Id eq 'Newtonsoft.Json' and IsLatestVersion",
        "(tolower(Id) eq 'nunit') and (Version eq '2.6.4')",
        "not IsPrerelease",
        "IsLatestVersion or IsAbsoluteLatestVersion",
        "startswith(tolower(Id),'nunit') and DownloadCount ge 0",
        "Published gt datetime'1900-01-01T00:00:00'",
        "Id eq 'O''Brien'",
        "length(Id) lt 20L",
    ])
    func parses(_ filter: String) throws {
        _ = try ODataFilter(parsing: filter)
    }

    @Test("the structure of the fallback list query")
    func structure() throws {
        let filter = try ODataFilter(parsing: "(Id ne null) and substringof('js',tolower(Id)) or IsPrerelease")
        #expect(filter == .or(
            .and(
                .compare(.ne, .property(.id), .literal(.null)),
                .call("substringof", [.literal(.string("js")), .call("tolower", [.property(.id)])])
            ),
            .property(.isPrerelease)
        ))
    }

    @Test("quotes inside literals are doubled")
    func quotes() throws {
        #expect(try ODataFilter(parsing: "Id eq 'a''b'") == .compare(.eq, .property(.id), .literal(.string("a'b"))))
    }

    @Test("unsupported syntax is refused with a message", arguments: [
        ("Id eq", "The $filter 'Id eq' ends too early."),
        ("Foo eq 'x'", "The property 'Foo' cannot be used in $filter or $orderby."),
        ("any(Tags)", "The function 'any' is not supported in $filter."),
        ("Id eq 'x", "A quoted string is not closed in 'Id eq 'x'."),
        ("substringof('x')", "The function 'substringof' takes 2 arguments."),
        ("Id eq 'x' 'y'", "Unexpected 'y' in $filter 'Id eq 'x' 'y''."),
        ("Id eq 'x' & 1", "Unexpected character '&' in 'Id eq 'x' & 1'."),
        ("", "The $filter option is empty."),
    ])
    func refused(_ filter: String, _ message: String) {
        #expect(throws: ODataError.invalid(message)) { try ODataFilter(parsing: filter) }
    }

    @Test("$orderby keys", arguments: [
        ("Id", [(V2Property.id, false)]),
        ("Version desc", [(.version, true)]),
        ("DownloadCount desc,Id", [(.downloadCount, true), (.id, false)]),
        ("LastUpdated asc, Title desc", [(.lastUpdated, false), (.title, true)]),
        ("concat(Title,Id)", []),
    ])
    func orderBy(_ text: String, _ keys: [(V2Property, Bool)]) throws {
        let parsed = try ODataOrderBy(parsing: text)
        if keys.isEmpty {
            #expect(parsed.keys.count == 1)
            return
        }
        #expect(parsed.keys.map(\.expression) == keys.map { .property($0.0) })
        #expect(parsed.keys.map(\.descending) == keys.map(\.1))
    }

    @Test("string functions and comparisons follow SQL Server semantics")
    func functions() {
        #expect(ODataFilter.call("substringof", [.string("JS"), .string("newtonsoft.json")]) == .bool(true))
        #expect(ODataFilter.call("startswith", [.string("NUnit.Mocks"), .string("nunit")]) == .bool(true))
        #expect(ODataFilter.call("endswith", [.string("NUnit.Mocks"), .string("mocks")]) == .bool(true))
        #expect(ODataFilter.call("indexof", [.string("abc"), .string("c")]) == .int(2))
        #expect(ODataFilter.call("tolower", [.null]) == .null)
        #expect(ODataFilter.compare(.eq, .string("NUnit"), .string("nunit")))
        #expect(!ODataFilter.compare(.gt, .null, .int(1)))
        #expect(ODataFilter.compare(.lt, .string("1.10.0"), .string("1.9.0")))  // text compare without a version side
    }
}
