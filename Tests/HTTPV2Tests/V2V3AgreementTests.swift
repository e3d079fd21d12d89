import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// V2 and V3 describe the same packages: every id's versions and listed state agree between the
/// flat container + registration (V3) and FindPackagesById (V2), after pushes and unlists.
@Suite("V2 and V3 agree")
struct V2V3AgreementTests {
    /// The real corpus' valid packages plus generated ones, some unlisted.
    @Test("versions and listed state agree for every package")
    func agree() async throws {
        try await V2Server.with { server in
            var ids = Set<String>()
            let corpus = Self.corpusFiles()
            if corpus.isEmpty {
                print("V2V3AgreementTests: no corpus at ../shared/testdata/nupkg-corpus/valid; generated packages only")
            }
            for file in corpus {
                let response = try await server.push(try Data(contentsOf: file))
                if response.status == .created, let id = Self.pushedID(response.text) { ids.insert(id) }
            }
            for version in ["1.0.0", "1.0.1-alpha", "1.2", "2.0.0+build.5", "2.1.0-rc.2"] {
                try await server.push("Agree.Generated", version)
            }
            ids.insert("Agree.Generated")
            for version in ["0.9.0", "1.0.0"] { try await server.push("Agree.Other", version) }
            ids.insert("Agree.Other")
            #expect(try await server.unlist("Agree.Generated", "1.2.0").status == .noContent)
            #expect(try await server.unlist("agree.generated", "2.1.0-RC.2").status == .noContent)
            // One version of a corpus package (or, without the corpus, of the second generated id) unlisted too.
            let first = ids.sorted().first { $0 != "Agree.Generated" && $0 != "Agree.Other" } ?? "Agree.Other"
            let versions = try await Self.v3Versions(server, lowerID: first.lowercased())
            if let version = versions.keys.sorted().first { try await server.unlist(first, version) }
            #expect(ids.count >= (corpus.isEmpty ? 2 : 4), "the corpus and generated packages were pushed")
            for id in ids.sorted() {
                let v3 = try await Self.v3Versions(server, lowerID: id.lowercased())
                let v2 = try await server.allPages("/api/v2/FindPackagesById()?id='\(id)'&semVerLevel=2.0.0")
                var v2Listed: [String: Bool] = [:]
                for entry in v2 { v2Listed[entry.property("NormalizedVersion")!.lowercased()] = entry.flag("Listed") }
                #expect(v2Listed == v3, "\(id): V2 \(v2Listed) vs V3 \(v3)")
            }
        }
    }

    /// lower normalized version → listed, from the flat container index and the SemVer 2 registration.
    static func v3Versions(_ server: V2Server, lowerID: String) async throws -> [String: Bool] {
        let flat = try JSONSerialization.jsonObject(with: try await server.get("/v3/flat/\(lowerID)/index.json").data) as? [String: Any]
        let versions = (flat?["versions"] as? [String]) ?? []
        var out: [String: Bool] = [:]
        for version in versions {
            let leaf = try await server.get("/v3/registration-gz-semver2/\(lowerID)/\(version).json")
            let json = try JSONSerialization.jsonObject(with: leaf.data) as? [String: Any]
            out[version] = (json?["listed"] as? Bool) ?? true
        }
        return out
    }

    /// `Package 'Id 1.0.0' was pushed.` → `Id`.
    static func pushedID(_ text: String) -> String? {
        guard let start = text.firstIndex(of: "'") else { return nil }
        let rest = text[text.index(after: start)...]
        return rest.split(separator: " ").first.map(String.init)
    }

    /// `../shared/testdata/nupkg-corpus/valid/*.nupkg`, found from this file.
    static func corpusFiles() -> [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/testdata/nupkg-corpus/valid").standardizedFileURL
        let files = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "nupkg" }.sorted { $0.path < $1.path }
    }
}
