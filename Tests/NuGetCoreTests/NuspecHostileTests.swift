import Foundation
@testable import NuGetCore
import GalleryTestSupport
import Testing

/// Hostile manifests: each must fail with its exact error, after bounded work, without expanding anything.
/// The work is counted (`NuspecParseWork`), never timed: a stopwatch fails on a loaded machine.
@Suite("Nuspec hostile input")
struct NuspecHostileTests {
    /// Parses `data` with the default limits, returning how far it got; `#expect`s `error`.
    static func work(_ data: Data, refusedWith error: NuspecError) -> NuspecParseWork {
        let work = NuspecParseWork()
        #expect(throws: error) { try NuspecXMLReader.parse(data, limits: .default, work: work) }
        return work
    }

    @Test("XXE against a local file is refused at the DOCTYPE, before any read")
    func xxe() throws {
        let secret = TestPackage.makeTempDirectory().appendingPathComponent("secret.txt")
        try Data("TOP-SECRET".utf8).write(to: secret)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE package [ <!ENTITY xxe SYSTEM "file://\(secret.path)"> ]>
            <package><metadata><id>A</id><version>1.0.0</version><authors>a</authors>
            <description>&xxe;</description></metadata></package>
            """
        #expect(throws: NuspecError.doctypeNotAllowed) { try Nuspec(parsing: Data(xml.utf8)) }
        #expect(NuspecError.doctypeNotAllowed.message == "The nuspec contains a DOCTYPE declaration, which is not allowed.")
    }

    @Test("billion laughs is refused without expansion")
    func billionLaughs() throws {
        var entities = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = """
            <?xml version="1.0"?><!DOCTYPE package [\(entities)]>
            <package><metadata><id>A</id><version>1.0.0</version><authors>a</authors>
            <description>&lol9;</description></metadata></package>
            """
        #expect(throws: NuspecError.doctypeNotAllowed) { try Nuspec(parsing: Data(xml.utf8)) }
        // Refused by the text scan: XMLParser, the only thing that could expand an entity, never ran.
        let work = Self.work(Data(xml.utf8), refusedWith: .doctypeNotAllowed)
        #expect(!work.parserStarted)
        #expect(work.elementsStarted == 0)
    }

    @Test("a DOCTYPE hidden in UTF-16 or lowercase is still refused")
    func disguisedDoctype() throws {
        let xml = #"<!doctype package [<!ENTITY a "b">]><package/>"#
        #expect(throws: NuspecError.doctypeNotAllowed) { try Nuspec(parsing: Data(xml.utf8)) }
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(try #require(xml.uppercased().data(using: .utf16LittleEndian)))
        #expect(throws: NuspecError.doctypeNotAllowed) { try Nuspec(parsing: utf16) }
    }

    @Test("a 2 MB nuspec is refused by size before parsing")
    func twoMegabytes() throws {
        let padding = String(repeating: "x", count: 2 << 20)
        let data = Data(TestPackage.bare(description: padding).nuspecXML.utf8)
        #expect(throws: NuspecError.tooLarge(limit: 1 << 20)) { try Nuspec(parsing: data) }
        // Refused by its length alone: not one byte decoded or parsed.
        let work = Self.work(data, refusedWith: .tooLarge(limit: 1 << 20))
        #expect(work.bytesDecoded == 0)
        #expect(!work.parserStarted)
        #expect(NuspecError.tooLarge(limit: 1 << 20).message == "The nuspec is larger than the limit of 1048576 bytes.")
    }

    @Test("10,000 dependencies hit the dependency cap")
    func tenThousandDependencies() throws {
        let dependencies = (0..<10_000).map { #"<dependency id="D\#($0)" version="1.0.0"/>"# }.joined()
        let data = Data(TestPackage.bare(extraMetadata: "<dependencies>\(dependencies)</dependencies>").nuspecXML.utf8)
        #expect(data.count < 1 << 20)
        #expect(throws: NuspecError.tooManyDependencies(limit: 4_000)) { try Nuspec(parsing: data) }
        // Parsing stopped at the first dependency past the cap: the other 5,999 were never reported.
        let work = Self.work(data, refusedWith: .tooManyDependencies(limit: 4_000))
        #expect(work.dependenciesStarted == 4_001)
        #expect(work.elementsStarted < 4_001 + 20)
    }

    @Test("deep nesting hits the depth cap")
    func deepNesting() throws {
        let open = String(repeating: "<x>", count: 5_000)
        let close = String(repeating: "</x>", count: 5_000)
        let data = Data(TestPackage.bare(extraMetadata: open + close).nuspecXML.utf8)
        #expect(throws: NuspecError.tooDeep(limit: 16)) { try Nuspec(parsing: data) }
    }

    @Test("many elements hit the element cap")
    func manyElements() throws {
        let data = Data(TestPackage.bare(extraMetadata: String(repeating: "<x/>", count: 60_000)).nuspecXML.utf8)
        #expect(throws: NuspecError.tooManyElements(limit: 50_000)) { try Nuspec(parsing: data) }
    }

    /// Fuzz/FuzzNuspec crash 175903d3: Foundation's XMLParser segfaults (strlen of NULL) on a processing
    /// instruction without data, so every processing instruction but the XML declaration is refused first.
    static let processingInstructions: [String] = [
        "77u/PD94Pz4NCjxwYTxncm91ICAgPC9kZXBlbmRlbmNpZSM+DQogIDwvZGF0YT4NCjwvcGFja2FnZT4=",  // the fuzzer's input
        Data("<package><?pi?></package>".utf8).base64EncodedString(),
        Data("<?xml version=\"1.0\"?><?xml-stylesheet href=\"a\"?><package/>".utf8).base64EncodedString(),
        Data("<?xml?><package/>".utf8).base64EncodedString(),
    ]

    @Test("processing instructions are refused before XMLParser sees them (fuzz regression)", arguments: processingInstructions)
    func processingInstruction(_ base64: String) throws {
        let data = try #require(Data(base64Encoded: base64))
        #expect(throws: NuspecError.processingInstructionNotAllowed) { try Nuspec(parsing: data) }
    }

    @Test("undeclared entities are malformed, not expanded")
    func undeclaredEntity() throws {
        let data = Data(TestPackage.bare(description: "&xxe;").nuspecXML.utf8)
        let error = #expect(throws: NuspecError.self) { try Nuspec(parsing: data) }
        guard case .malformedXML = error else { Issue.record("\(String(describing: error))"); return }
    }
}
