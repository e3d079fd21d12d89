import NuGetCore
import Testing

@Suite("PackageID")
struct PackageIDTests {
    static let valid = [
        "Newtonsoft.Json", "a", "A1", "_", "foo_bar", "Foo-Bar", "x.y-z_w", "NuGet.Core.5",
        "1", "a.b.c.d.e", String(repeating: "a", count: 100), "Microsoft.Extensions.DependencyInjection",
    ]

    @Test("valid IDs keep their casing and lowercase for keys", arguments: valid)
    func validIDs(text: String) throws {
        let id = try PackageID(validating: text)
        #expect(id.original == text)
        #expect(id.description == text)
        #expect(id.lowercased == text.lowercased())
    }

    static let invalid: [(String, PackageIDError)] = [
        ("", .empty),
        (String(repeating: "a", count: 101), .tooLong(length: 101)),
        (String(repeating: "é", count: 101), .tooLong(length: 101)),
        ("$id$", .unreplacedToken),
        (" a", .invalidCharacters(" a")),
        ("a ", .invalidCharacters("a ")),
        ("a b", .invalidCharacters("a b")),
        (".a", .invalidCharacters(".a")),
        ("a.", .invalidCharacters("a.")),
        ("-a", .invalidCharacters("-a")),
        ("a-", .invalidCharacters("a-")),
        ("a..b", .invalidCharacters("a..b")),
        ("a.-b", .invalidCharacters("a.-b")),
        ("a--b", .invalidCharacters("a--b")),
        ("café", .invalidCharacters("café")),
        ("Ａ", .invalidCharacters("Ａ")),
        ("a/b", .invalidCharacters("a/b")),
        ("a+b", .invalidCharacters("a+b")),
        ("$id", .invalidCharacters("$id")),
    ]

    @Test("invalid IDs throw the exact error", arguments: invalid)
    func invalidIDs(text: String, expected: PackageIDError) {
        #expect(throws: expected) { try PackageID(validating: text) }
    }

    @Test("error messages are user sentences")
    func messages() {
        #expect(PackageIDError.empty.message == "The package ID must not be empty.")
        #expect(PackageIDError.tooLong(length: 101).message == "The package ID is 101 characters long; the maximum is 100.")
        #expect(PackageIDError.invalidCharacters("a b").message
            == "'a b' is not a valid package ID: use letters, digits and '_', separated by single '.' or '-' characters.")
    }

    @Test("equality, hashing and ordering ignore case", arguments: [
        ("Foo", "foo"), ("NEWTONSOFT.JSON", "newtonsoft.json"), ("A_b-C", "a_B-c"),
    ])
    func caseInsensitive(left: String, right: String) throws {
        let a = try PackageID(validating: left), b = try PackageID(validating: right)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(!(a < b) && !(b < a))
        #expect(Set([a, b]).count == 1)
    }

    @Test("ordering is by lowercase ID")
    func ordering() throws {
        let ids = try ["b", "A", "c.d", "C"].map { try PackageID(validating: $0) }.sorted()
        #expect(ids.map(\.lowercased) == ["a", "b", "c", "c.d"])
    }

    @Test("Codable as a plain string, validated on decode")
    func codable() throws {
        let id = try PackageID(validating: "Foo.Bar")
        let data = try JSONEncoderShim.encode(id)
        #expect(data == "\"Foo.Bar\"")
        #expect(try JSONEncoderShim.decode(PackageID.self, from: "\"Foo.Bar\"") == id)
        #expect(throws: PackageIDError.invalidCharacters("a b")) { try JSONEncoderShim.decode(PackageID.self, from: "\"a b\"") }
    }
}
