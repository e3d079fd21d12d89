import Gallery
@testable import HTTPV2
import Testing

/// Query strings exactly as clients put them on the wire (protocol §7).
@Suite("V2 query options")
struct V2QueryOptionsTests {
    @Test("nuget.exe 2.8.7 list")
    func list() throws {
        let options = try V2QueryOptions(
            query: "$filter=IsLatestVersion&$orderby=Id&$skip=0&$top=30&searchTerm='json'&targetFramework=''&includePrerelease=false"
        )
        #expect(options.filter == .property(.isLatestVersion))
        #expect(options.orderBy?.keys.map(\.expression) == [.property(.id)])
        #expect(options.skip == 0 && options.top == 30)
        #expect(try options.string("searchTerm") == "json")
        #expect(try options.string("targetFramework") == "")
        #expect(!options.bool("includePrerelease"))
        #expect(!options.semVer2)
    }

    @Test("nuget.exe 2.8.7 latest lookup, percent-encoded")
    func latest() throws {
        let options = try V2QueryOptions(query: "$filter=IsLatestVersion&$orderby=Version%20desc&$top=1&id='Pallet.Demo.App'")
        #expect(options.orderBy?.keys.first?.descending == true)
        #expect(try options.string("id") == "Pallet.Demo.App")
    }

    @Test("NuGet.Client V2 fallback with semVerLevel and encoded quotes")
    func fallback() throws {
        let options = try V2QueryOptions(
            query: "$filter=(Id%20ne%20null)%20and%20substringof(%27x%27,tolower(Id))&$orderby=Id&$skip=30&$top=30&semVerLevel=2.0.0"
        )
        #expect(options.semVer2)
        #expect(options.skip == 30)
        #expect(options.filter != nil)
    }

    @Test("VS 2013 browse: inlinecount, includePrerelease=true, 'unsupported' framework")
    func visualStudio() throws {
        let options = try V2QueryOptions(
            query: "$filter=IsAbsoluteLatestVersion&searchTerm=''&targetFramework='unsupported'&includePrerelease=true&$skip=0&$top=26&$inlinecount=allpages"
        )
        #expect(options.inlineCount && options.bool("includePrerelease"))
        #expect(try V2Functions.frameworks(options.string("targetFramework")) == [])
    }

    @Test("GetUpdates parameters split on '|'")
    func updates() throws {
        let options = try V2QueryOptions(
            query: "packageIds='A%7CB'&versions='1.0%7C2.0'&includePrerelease=false&includeAllVersions=true&targetFrameworks='net45'&versionConstraints='%7C%5B1,2)'"
        )
        let request = try V2Functions.updateRequest(options)
        #expect(request.packageIDs == ["A", "B"])
        #expect(request.versions == ["1.0", "2.0"])
        #expect(request.versionConstraints == ["", "[1,2)"])
        #expect(request.includeAllVersions && !request.includePrerelease)
    }

    @Test("skip tokens and plus-as-space")
    func skipToken() throws {
        let options = try V2QueryOptions(query: "$skiptoken=Id='NUnit',Version='2.6.4'&searchTerm='two+words'")
        #expect(options.skipToken?.id == "NUnit" && options.skipToken?.version == "2.6.4")
        #expect(try options.string("searchTerm") == "two words")
    }

    @Test("bad numbers are refused", arguments: ["$skip=-1", "$top=ten", "$skiptoken=nonsense"])
    func refused(_ query: String) {
        #expect(throws: ODataError.self) { try V2QueryOptions(query: query) }
    }

    @Test("next links keep the other options and replace paging", arguments: [
        ("$filter=IsLatestVersion&$top=250&$skip=0", 100, 150, "$filter=IsLatestVersion&$skip=100&$top=150"),
        ("searchTerm='a b'", 100, nil, "searchTerm='a%20b'&$skip=100"),
    ] as [(String, Int, Int?, String)])
    func next(_ query: String, _ skip: Int, _ top: Int?, _ expected: String) throws {
        #expect(try V2QueryOptions(query: query).nextQuery(skip: skip, top: top) == expected)
    }

    @Test("resource segments", arguments: [
        ("$metadata", V2Resource.metadata),
        ("Packages", .packages),
        ("Packages()", .packages),
        ("Packages(Id='NUnit',Version='2.6.4')", .package(id: "NUnit", version: "2.6.4")),
        ("Packages(Id=%27NUnit%27,Version=%272.6.4%27)", .package(id: "NUnit", version: "2.6.4")),
        ("packages(Version='1.0',Id='A')", .package(id: "A", version: "1.0")),
        ("Search()", .search),
        ("FindPackagesById()", .findPackagesByID),
        ("getupdates()", .getUpdates),
    ])
    func resources(_ segment: String, _ expected: V2Resource) throws {
        #expect(try V2Resource(segment: segment) == expected)
    }

    @Test("unknown segments are not resources", arguments: ["Nope()", "Search(1)", "Packages(Id='A'"])
    func unknown(_ segment: String) throws {
        #expect(try V2Resource(segment: segment) == nil)
    }
}
